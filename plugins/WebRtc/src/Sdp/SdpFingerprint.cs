using System.Globalization;

namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>An <c>a=fingerprint</c> (RFC 8122 §5): hash function name and the certificate hash.</summary>
/// <param name="Algorithm">Hash function, lower case (e.g. <c>sha-256</c>).</param>
/// <param name="Hash">The hash bytes.</param>
public sealed record SdpFingerprint(string Algorithm, byte[] Hash)
{
    /// <summary>Parses <c>sha-256 AB:CD:…</c>; throws <see cref="SdpException"/> when malformed.</summary>
    public static SdpFingerprint Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            throw new SdpException("a=fingerprint needs '<hash-func> <fingerprint>'");
        }

        var algorithm = value[..space].ToLowerInvariant();
        var hex = value[(space + 1)..].Trim();
        var parts = hex.Split(':');
        if (parts.Length is < 16 or > 64)
        {
            throw new SdpException("a=fingerprint has a wrong number of bytes");
        }

        var hash = new byte[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash[i]))
            {
                throw new SdpException("a=fingerprint has a byte that is not two hex digits");
            }
        }

        return new SdpFingerprint(algorithm, hash);
    }

    /// <summary>The attribute value: <c>sha-256 AB:CD:…</c> (upper-case hex, RFC 8122).</summary>
    public override string ToString() => $"{Algorithm} {Convert.ToHexString(Hash).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b)}";

    /// <summary>Whether both name the same function and hash.</summary>
    public bool Matches(SdpFingerprint other) =>
        other is not null && string.Equals(Algorithm, other.Algorithm, StringComparison.OrdinalIgnoreCase) && Hash.AsSpan().SequenceEqual(other.Hash);
}
