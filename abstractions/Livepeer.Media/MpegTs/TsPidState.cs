namespace Livepeer.Media.MpegTs;

/// <summary>Per-PID reassembly state of <see cref="TsDemuxer"/>: PES or PSI section bytes, continuity counter, timestamp reference.</summary>
internal sealed class TsPidState(TsTrack? track)
{
    public TsTrack? Track { get; } = track;

    public byte[] Buffer { get; private set; } = new byte[track is null ? 1024 + TsPacket.Size : 4096];

    public int Length { get; set; }

    public int LastCc { get; set; } = -1;

    public bool Started { get; set; }

    public bool Discontinuity { get; set; }

    public bool RandomAccess { get; set; }

    public bool HasReference { get; set; }

    public long LastDts { get; set; }

    public void Append(ReadOnlySpan<byte> data, int limit)
    {
        if (Length + data.Length > Buffer.Length)
        {
            if (Length + data.Length > limit)
            {
                Reset();
                throw new MediaFormatException($"PES or section larger than {limit} bytes");
            }

            var grown = new byte[Math.Min(limit, Math.Max(Buffer.Length * 2, Length + data.Length))];
            Buffer.AsSpan(0, Length).CopyTo(grown);
            Buffer = grown;
        }

        data.CopyTo(Buffer.AsSpan(Length));
        Length += data.Length;
    }

    public void Reset()
    {
        Started = false;
        Length = 0;
    }

    /// <summary>Lenient IDR scan for demuxed video (never throws on odd data).</summary>
    public static bool ContainsIdr(ReadOnlySpan<byte> annexB)
    {
        ReadOnlySpan<byte> startCode = [0, 0, 1];
        while (true)
        {
            var i = annexB.IndexOf(startCode);
            if (i < 0 || i + 3 >= annexB.Length)
            {
                return false;
            }

            var type = annexB[i + 3] & 0x1F;
            if (type == 5)
            {
                return true;
            }

            if (type is 1)
            {
                return false; // a non-IDR slice: the picture is not an IDR picture
            }

            annexB = annexB[(i + 3)..];
        }
    }
}
