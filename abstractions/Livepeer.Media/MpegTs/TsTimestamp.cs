namespace Livepeer.Media.MpegTs;

/// <summary>33-bit PTS/DTS coding in PES headers (ISO/IEC 13818-1 §2.4.3.7) and wrap-around unwrapping.</summary>
public static class TsTimestamp
{
    private const long Mask = TsPacket.TimestampModulus - 1;

    /// <summary>Reads a 5-byte PTS or DTS field (marker bits are not checked: real muxers get them wrong).</summary>
    public static long Read(ReadOnlySpan<byte> field) =>
        ((long)(field[0] & 0x0E) << 29) | ((long)field[1] << 22) | ((long)(field[2] & 0xFE) << 14) | ((long)field[3] << 7) | ((long)field[4] >> 1);

    /// <summary>Writes a 5-byte PTS or DTS field with the 4-bit <paramref name="prefix"/> ('0010' PTS only, '0011'/'0001' PTS/DTS).</summary>
    public static void Write(Span<byte> field, int prefix, long timestamp)
    {
        var t = timestamp & Mask;
        field[0] = (byte)((prefix << 4) | (int)((t >> 29) & 0x0E) | 1);
        field[1] = (byte)(t >> 22);
        field[2] = (byte)(((t >> 14) & 0xFE) | 1);
        field[3] = (byte)(t >> 7);
        field[4] = (byte)(((t << 1) & 0xFE) | 1);
    }

    /// <summary>
    /// Unwraps a 33-bit timestamp against a previous unwrapped one: the result is the value congruent to
    /// <paramref name="raw"/> modulo 2^33 that is nearest <paramref name="reference"/>.
    /// </summary>
    public static long Unwrap(long raw, long reference)
    {
        var candidate = (reference & ~Mask) | (raw & Mask);
        var half = TsPacket.TimestampModulus / 2;
        if (candidate - reference > half)
        {
            candidate -= TsPacket.TimestampModulus;
        }
        else if (reference - candidate > half)
        {
            candidate += TsPacket.TimestampModulus;
        }

        return candidate;
    }
}
