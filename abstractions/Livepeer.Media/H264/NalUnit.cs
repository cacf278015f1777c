namespace Livepeer.Media.H264;

/// <summary>Helpers for single H.264 NAL units (header byte, emulation prevention; ITU-T H.264 §7.3.1, §7.4.1).</summary>
public static class NalUnit
{
    /// <summary>The nal_unit_type of a NAL unit that starts with its header byte.</summary>
    public static NalUnitType GetType(ReadOnlySpan<byte> nal) =>
        nal.IsEmpty ? NalUnitType.Unspecified : (NalUnitType)(nal[0] & 0x1F);

    /// <summary>The nal_unit_type in a NAL header byte.</summary>
    public static NalUnitType GetType(byte header) => (NalUnitType)(header & 0x1F);

    /// <summary>Whether the type is a VCL NAL unit (coded slice data; ITU-T H.264 §7.4.1.2.3: types 1–5).</summary>
    public static bool IsVcl(NalUnitType type) => type is >= NalUnitType.Slice and <= NalUnitType.IdrSlice;

    /// <summary>
    /// Whether a VCL NAL unit starts a new picture: first_mb_in_slice is 0, the ue(v) code '1'
    /// (ITU-T H.264 §7.4.1.2.4; sufficient for streams without arbitrary slice order).
    /// </summary>
    public static bool IsFirstSliceOfPicture(ReadOnlySpan<byte> nal) => nal.Length >= 2 && (nal[1] & 0x80) != 0;

    /// <summary>
    /// Removes emulation_prevention_three_byte (00 00 03 → 00 00; ITU-T H.264 §7.4.1) from <paramref name="source"/> into
    /// <paramref name="destination"/>, which must be at least as long; returns the RBSP length.
    /// </summary>
    public static int RemoveEmulationPrevention(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("destination shorter than source", nameof(destination));
        }

        var written = 0;
        var zeros = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            if (zeros >= 2 && b == 3)
            {
                zeros = 0;
                continue;
            }

            destination[written++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }

        return written;
    }

    /// <summary>Returns the RBSP of a NAL unit (emulation prevention removed) as a new array.</summary>
    public static byte[] ToRbsp(ReadOnlySpan<byte> nal)
    {
        var buffer = new byte[nal.Length];
        var n = RemoveEmulationPrevention(nal, buffer);
        return n == buffer.Length ? buffer : buffer.AsSpan(0, n).ToArray();
    }

    /// <summary>Inserts emulation_prevention_three_byte wherever an RBSP would otherwise contain 00 00 0x (x ≤ 3).</summary>
    public static byte[] AddEmulationPrevention(ReadOnlySpan<byte> rbsp)
    {
        var output = new List<byte>(rbsp.Length + 8);
        var zeros = 0;
        foreach (var b in rbsp)
        {
            if (zeros >= 2 && b <= 3)
            {
                output.Add(3);
                zeros = 0;
            }

            output.Add(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }

        return output.ToArray();
    }
}
