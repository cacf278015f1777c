using Livepeer.Abstractions;

namespace Livepeer.Plugins.Byoc;

/// <summary>Stream and job ids: one URL path segment (they name trickle channels), and upstream's random form.</summary>
internal static class ByocIds
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, not starting with a dot, at most <see cref="MaxLength"/>.</summary>
    public static bool IsValid(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && id[0] != '.';

    /// <summary>go-livepeer's <c>RandomManifestID</c>: 4 random bytes as 8 lower-case hex digits (§0.4).</summary>
    public static string Random(IRandomSource random)
    {
        Span<byte> bytes = stackalloc byte[4];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
