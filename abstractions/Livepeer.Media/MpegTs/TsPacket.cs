namespace Livepeer.Media.MpegTs;

/// <summary>Transport stream packet constants (ISO/IEC 13818-1 §2.4.3.2).</summary>
public static class TsPacket
{
    /// <summary>Bytes per transport packet.</summary>
    public const int Size = 188;

    /// <summary>sync_byte.</summary>
    public const byte SyncByte = 0x47;

    /// <summary>PID of the program association table.</summary>
    public const int PatPid = 0;

    /// <summary>PID of null packets.</summary>
    public const int NullPid = 0x1FFF;

    /// <summary>The 90 kHz PTS/DTS clock rate (ISO/IEC 13818-1 §2.4.3.7).</summary>
    public const int ClockRate = 90_000;

    /// <summary>PTS/DTS are 33-bit counters; this is their modulus.</summary>
    public const long TimestampModulus = 1L << 33;
}
