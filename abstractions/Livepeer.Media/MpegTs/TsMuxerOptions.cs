namespace Livepeer.Media.MpegTs;

/// <summary>Settings of a <see cref="TsMuxer"/>; the defaults match go-livepeer's mediacommon writer.</summary>
public sealed record TsMuxerOptions
{
    /// <summary>program_number in PAT and PMT.</summary>
    public int ProgramNumber { get; init; } = 1;

    /// <summary>The PMT PID.</summary>
    public int PmtPid { get; init; } = 0x1000;

    /// <summary>Elementary PIDs are assigned from this one upward in the order tracks are added (mediacommon: 256).</summary>
    public int FirstElementaryPid { get; init; } = 256;

    /// <summary>PCR is written as DTS minus this many 90 kHz ticks (mediacommon: 9000 = 100 ms).</summary>
    public long PcrOffset { get; init; } = 9000;

    /// <summary>Besides every random-access frame, a PCR goes on every Nth PES of the PCR track (mediacommon: 3).</summary>
    public int PcrEveryNthFrame { get; init; } = 3;
}
