using System.Globalization;

namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>The H.264 <c>profile-level-id</c> fmtp parameter (RFC 6184 §8.1): profile_idc, profile-iop, level_idc.</summary>
/// <param name="ProfileIdc">profile_idc (0x42 Baseline, 0x4D Main, 0x64 High, …).</param>
/// <param name="ProfileIop">The constraint_set flags byte.</param>
/// <param name="LevelIdc">level_idc (0x1F = 3.1).</param>
public readonly record struct H264ProfileLevelId(byte ProfileIdc, byte ProfileIop, byte LevelIdc)
{
    /// <summary>RFC 6184's default when the parameter is absent: Baseline, level 1.0 (42000a).</summary>
    public static H264ProfileLevelId Default => new(0x42, 0x00, 0x0A);

    /// <summary>Whether this is Constrained Baseline (RFC 6184 Table 5 / H.264 A.2.1.1: 42 with constraint_set1, 4D/58 with the matching flags).</summary>
    public bool IsConstrainedBaseline =>
        (ProfileIdc == 0x42 && (ProfileIop & 0x40) != 0) || (ProfileIdc == 0x4D && (ProfileIop & 0x80) != 0) || (ProfileIdc == 0x58 && (ProfileIop & 0xC0) == 0xC0);

    /// <summary>Whether a decoder for this profile decodes Constrained Baseline 42e01f streams (Baseline, Constrained Baseline, Main, High …).</summary>
    public bool Decodes42e01f => IsConstrainedBaseline || ProfileIdc is 0x42 or 0x4D or 0x58 or 0x64;

    /// <summary>Parses six hex digits; returns false when malformed.</summary>
    public static bool TryParse(string? value, out H264ProfileLevelId result)
    {
        result = Default;
        if (value is null || value.Length != 6 || !uint.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            return false;
        }

        result = new H264ProfileLevelId((byte)(v >> 16), (byte)(v >> 8), (byte)v);
        return true;
    }

    /// <summary>Six lower-case hex digits.</summary>
    public override string ToString() => $"{ProfileIdc:x2}{ProfileIop:x2}{LevelIdc:x2}";
}
