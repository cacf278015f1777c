namespace Livepeer.Plugins.HttpPush;

/// <summary>Checks that a pushed <c>.mp4</c> body starts as ISO BMFF (ISO/IEC 14496-12 §4.2): a box of a known top-level type.</summary>
internal static class Mp4Probe
{
    private static readonly string[] TopLevelBoxes = ["ftyp", "styp", "moof", "moov", "sidx", "free", "mdat"];

    public static bool LooksLikeMp4(ReadOnlySpan<byte> data)
    {
        if (data.Length < 16)
        {
            return false;
        }

        var size = ((long)data[0] << 24) | ((long)data[1] << 16) | ((long)data[2] << 8) | data[3];
        var type = System.Text.Encoding.ASCII.GetString(data.Slice(4, 4));
        return (size == 1 || (size >= 8 && size <= data.Length)) && TopLevelBoxes.Contains(type, StringComparer.Ordinal);
    }
}
