using System.Globalization;
using Livepeer.Abstractions.Media;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.HttpPush;

/// <summary>
/// What a push names and declares, from its path (<c>/live/{manifestID}/{seq}.ts|.mp4</c>) and headers
/// (<c>Content-Duration</c> in ms, default 2000; <c>Content-Resolution</c> <c>WxH</c>), reference §9.3.
/// </summary>
internal sealed record PushRequest(string ManifestId, long Sequence, string Extension, TimeSpan Duration, int Width, int Height)
{
    /// <summary>Upstream's duration when <c>Content-Duration</c> is missing.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(2000);

    private const int MaxIdLength = 128;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(5);

    /// <summary>The segment's MIME type.</summary>
    public string ContentType => Extension == ".mp4" ? MediaContentTypes.Mp4 : MediaContentTypes.MpegTs;

    /// <summary>Parses the request; the error is the 400 answer's text.</summary>
    public static PushRequest? Parse(string? manifestId, string? file, IHeaderDictionary headers, out string error)
    {
        ArgumentNullException.ThrowIfNull(headers);
        error = "";
        var dot = file?.LastIndexOf('.') ?? -1;
        var extension = dot >= 0 ? file![dot..] : "";
        if (extension is not (".ts" or ".mp4"))
        {
            error = $"ignoring file extension: {extension}";
            return null;
        }

        if (!long.TryParse(file.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            error = "the segment name must be a sequence number, e.g. 0.ts";
            return null;
        }

        if (!IsValidId(manifestId))
        {
            error = "invalid manifest id";
            return null;
        }

        var duration = DefaultDuration;
        if (headers["Content-Duration"] is { Count: > 0 } durationHeader)
        {
            if (!long.TryParse(durationHeader.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                || ms <= 0 || ms > MaxDuration.TotalMilliseconds)
            {
                error = "Content-Duration must be the segment's duration in milliseconds";
                return null;
            }

            duration = TimeSpan.FromMilliseconds(ms);
        }

        var (width, height) = (0, 0);
        if (headers["Content-Resolution"] is { Count: > 0 } resolutionHeader && !TryParseResolution(resolutionHeader.ToString(), out width, out height))
        {
            error = "Content-Resolution must be WIDTHxHEIGHT";
            return null;
        }

        return new PushRequest(manifestId!, sequence, extension, duration, width, height);
    }

    private static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id is not ("." or "..")
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool TryParseResolution(string text, out int width, out int height)
    {
        width = height = 0;
        var x = text.IndexOf('x', StringComparison.Ordinal);
        return x > 0
            && int.TryParse(text.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && int.TryParse(text.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out height)
            && width is > 0 and <= 16384 && height is > 0 and <= 16384;
    }
}
