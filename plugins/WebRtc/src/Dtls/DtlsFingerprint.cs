using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Livepeer.Plugins.WebRtc.Dtls;

/// <summary>
/// A certificate fingerprint as SDP carries it (RFC 8122 §5: <c>a=fingerprint:sha-256 AB:CD:…</c>); WebRTC
/// authenticates the self-signed DTLS certificates by it (RFC 8827 §6.5).
/// </summary>
public sealed class DtlsFingerprint : IEquatable<DtlsFingerprint>
{
    private readonly byte[] _value;

    private DtlsFingerprint(string algorithm, byte[] value)
    {
        Algorithm = algorithm;
        _value = value;
    }

    /// <summary>The hash function's name in lower case (<c>sha-256</c>, <c>sha-384</c>, <c>sha-512</c>, <c>sha-1</c>).</summary>
    public string Algorithm { get; }

    /// <summary>The digest bytes.</summary>
    public ReadOnlyMemory<byte> Value => _value;

    /// <summary>The fingerprint of a DER certificate with <paramref name="algorithm"/> (default sha-256).</summary>
    /// <exception cref="NotSupportedException">The algorithm is not one of the four above.</exception>
    public static DtlsFingerprint Of(ReadOnlySpan<byte> certificateDer, string algorithm = "sha-256")
    {
        var name = algorithm.ToLowerInvariant();
        byte[] digest = name switch
        {
            "sha-256" => SHA256.HashData(certificateDer),
            "sha-384" => SHA384.HashData(certificateDer),
            "sha-512" => SHA512.HashData(certificateDer),
            "sha-1" => SHA1.HashData(certificateDer),
            _ => throw new NotSupportedException($"fingerprint hash '{algorithm}' is not supported"),
        };
        return new DtlsFingerprint(name, digest);
    }

    /// <summary>Parses the attribute value <c>sha-256 AB:CD:…</c> (hash name case-insensitive, hex either case).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DtlsFingerprint? fingerprint)
    {
        fingerprint = null;
        if (text is null || text.Length > 1024)
        {
            return false;
        }

        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return false;
        }

        var name = parts[0].ToLowerInvariant();
        var expected = name switch { "sha-256" => 32, "sha-384" => 48, "sha-512" => 64, "sha-1" => 20, _ => 0 };
        var hex = parts[1].Split(':');
        if (expected == 0 || hex.Length != expected)
        {
            return false;
        }

        var value = new byte[expected];
        for (var i = 0; i < expected; i++)
        {
            if (hex[i].Length != 2 || !byte.TryParse(hex[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value[i]))
            {
                return false;
            }
        }

        fingerprint = new DtlsFingerprint(name, value);
        return true;
    }

    /// <summary>True when the DER certificate hashes to this fingerprint (constant-time compare).</summary>
    public bool Matches(ReadOnlySpan<byte> certificateDer) =>
        CryptographicOperations.FixedTimeEquals(Of(certificateDer, Algorithm)._value, _value);

    /// <summary>The SDP attribute value: <c>sha-256 AB:CD:…</c> (upper-case hex as RFC 8122 §5 writes it).</summary>
    public override string ToString() => $"{Algorithm} {string.Join(':', _value.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)))}";

    /// <inheritdoc />
    public bool Equals(DtlsFingerprint? other) =>
        other is not null && other.Algorithm == Algorithm && other._value.AsSpan().SequenceEqual(_value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DtlsFingerprint);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Algorithm, _value.Length > 0 ? _value[0] : 0);
}
