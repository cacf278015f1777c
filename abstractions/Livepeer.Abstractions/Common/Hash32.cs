namespace Livepeer.Abstractions;

/// <summary>A 32-byte value such as a keccak-256 hash or a block hash. <c>default</c> is all zeros.</summary>
public readonly struct Hash32 : IEquatable<Hash32>
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 32;

    private static readonly byte[] Zeros = new byte[Length];
    private readonly byte[]? _bytes;

    /// <summary>Creates a value from exactly 32 bytes (copied).</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A 32-byte hash is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>All zeros.</summary>
    public static Hash32 Zero => default;

    /// <summary>True when every byte is zero.</summary>
    public bool IsZero => _bytes is null || !_bytes.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>The 32 bytes (a zero-filled span for <c>default</c>).</summary>
    public ReadOnlySpan<byte> Span => _bytes ?? Zeros;

    /// <summary>Parses 64 hex digits with or without a <c>0x</c> prefix.</summary>
    /// <exception cref="FormatException">The text is not 32 hex bytes.</exception>
    public static Hash32 Parse(string text) =>
        TryParse(text, out var hash) ? hash : throw new FormatException($"'{text}' is not a 32-byte hex value.");

    /// <summary>Parses 64 hex digits with or without a <c>0x</c> prefix.</summary>
    public static bool TryParse(string? text, out Hash32 hash)
    {
        Span<byte> bytes = stackalloc byte[Length];
        if (text is null || !Hex.TryDecodeFixed(text.AsSpan().Trim(), bytes))
        {
            hash = default;
            return false;
        }

        hash = new Hash32(bytes);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(Hash32 other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Span);
        return hash.ToHashCode();
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);

    /// <summary><c>0x</c> followed by 64 lower-case hex digits.</summary>
    public override string ToString() => "0x" + Convert.ToHexStringLower(Span);
}
