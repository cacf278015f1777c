using System.Globalization;

namespace Livepeer.Plugins.Hls;

/// <summary>What a request under <c>/stream/</c> asks for.</summary>
internal enum HlsResource
{
    /// <summary><c>/stream/{id}.m3u8</c> (or <c>current.m3u8</c>).</summary>
    Master,

    /// <summary><c>/stream/{id}/{rendition}.m3u8</c>.</summary>
    Media,

    /// <summary><c>/stream/{id}/{rendition}/{seq}.ts</c> (or <c>.mp4</c>).</summary>
    Segment,
}

/// <summary>A parsed HLS path; anything else under <c>/stream/</c> is not found.</summary>
internal sealed record HlsPath(HlsResource Resource, string StreamId, string Rendition = "", long Sequence = -1)
{
    private const int MaxLength = 1024;

    /// <summary>Parses the part of the path after <c>/stream/</c>; <c>null</c> for anything that is not an HLS resource.</summary>
    public static HlsPath? Parse(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength || path.Any(char.IsControl))
        {
            return null;
        }

        var parts = path.Split('/');
        if (parts.Any(p => p.Length == 0 || p is "." or ".."))
        {
            return null;
        }

        return parts.Length switch
        {
            1 when Strip(parts[0], ".m3u8") is { } id => new HlsPath(HlsResource.Master, id),
            2 when Strip(parts[1], ".m3u8") is { } rendition => new HlsPath(HlsResource.Media, parts[0], rendition),
            3 when (Strip(parts[2], ".ts") ?? Strip(parts[2], ".mp4")) is { } number
                && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                => new HlsPath(HlsResource.Segment, parts[0], parts[1], sequence),
            _ => null,
        };
    }

    private static string? Strip(string name, string extension) =>
        name.Length > extension.Length && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? name[..^extension.Length] : null;
}
