using System.Buffers.Binary;

namespace Livepeer.Abstractions;

/// <summary>A 20-byte Ethereum account address. <c>default</c> is the zero address.</summary>
/// <remarks>
/// Formatting is lower-case hex; EIP-55 checksummed text needs keccak-256 and is produced by the
/// payment code that owns the crypto, not here.
/// </remarks>
public readonly struct EthAddress : IEquatable<EthAddress>
{
    /// <summary>Length of an address in bytes.</summary>
    public const int Length = 20;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    /// <summary>Creates an address from exactly 20 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 20 bytes long.</exception>
    public EthAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"An Ethereum address is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>The zero address (upstream treats it as "no sender").</summary>
    public static EthAddress Zero => default;

    /// <summary>True for the zero address.</summary>
    public bool IsZero => _a == 0 && _b == 0 && _c == 0;

    /// <summary>Parses 40 hex digits with or without a <c>0x</c> prefix, in any letter case.</summary>
    /// <exception cref="FormatException">The text is not an address.</exception>
    public static EthAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not a 20-byte hex address.");

    /// <summary>Parses 40 hex digits with or without a <c>0x</c> prefix, in any letter case.</summary>
    public static bool TryParse(string? text, out EthAddress address)
    {
        Span<byte> bytes = stackalloc byte[Length];
        if (text is null || !Hex.TryDecodeFixed(text.AsSpan().Trim(), bytes))
        {
            address = default;
            return false;
        }

        address = new EthAddress(bytes);
        return true;
    }

    /// <summary>Writes the 20 bytes to <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    /// <summary>The 20 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <inheritdoc />
    public bool Equals(EthAddress other) => _a == other._a && _b == other._b && _c == other._c;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EthAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    /// <summary>Equality.</summary>
    public static bool operator ==(EthAddress left, EthAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(EthAddress left, EthAddress right) => !left.Equals(right);

    /// <summary><c>0x</c> followed by 40 lower-case hex digits.</summary>
    public override string ToString() => "0x" + Convert.ToHexStringLower(ToArray());
}
