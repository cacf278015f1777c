using System.Text.RegularExpressions;
using Livepeer.Abstractions;

namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>
/// Stream ids from RTMP paths as go-livepeer does (protocols §9.1, server/mediaserver.go createRTMPStreamIDHandler):
/// strip leading spaces/slashes, an optional <c>stream/</c> and any <c>live/</c>, and the extension; the first element is
/// the manifest id, the rest the stream key. Missing parts are random (§0.4: 8 hex manifest id, 12 hex key).
/// </summary>
internal static partial class StreamNaming
{
    /// <summary>Splits <paramref name="path"/> (app + "/" + stream name) into a manifest id and a key; either may be empty.</summary>
    public static (string ManifestId, string Key) Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }

        path = PrefixPattern().Replace("/" + path, ""); // upstream matches the URL path, which starts with "/"
        var slash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        if (dot > slash)
        {
            path = path[..dot]; // Go's path.Ext: the extension of the last element only
        }

        var split = path.IndexOf('/', StringComparison.Ordinal);
        return split < 0 ? (path, "") : (path[..split], path[(split + 1)..]);
    }

    /// <summary>§0.4 RandomManifestID: 4 random bytes as 8 lowercase hex characters.</summary>
    public static string RandomManifestId(IRandomSource random) => RandomHex(random, 4);

    /// <summary>§0.4 StreamKeyBytes: 6 random bytes as 12 lowercase hex characters.</summary>
    public static string RandomStreamKey(IRandomSource random) => RandomHex(random, 6);

    private static string RandomHex(IRandomSource random, int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    [GeneratedRegex("^[ /]*(stream/)?|(live/)?", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
