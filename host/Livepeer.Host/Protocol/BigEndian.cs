using System.Numerics;
using Google.Protobuf;

namespace Livepeer.Host.Protocol;

/// <summary>Big integers as the wire carries them: unsigned, big-endian, minimal (go's <c>big.Int.Bytes()</c>; zero is empty).</summary>
internal static class BigEndian
{
    public static ByteString ToBytes(BigInteger value)
    {
        if (value.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "Wire integers are unsigned.");
        }

        return value.IsZero ? ByteString.Empty : ByteString.CopyFrom(value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <exception cref="FormatException">More than 32 bytes (wire integers are uint256).</exception>
    public static BigInteger FromBytes(ByteString bytes)
    {
        if (bytes.Length > 32)
        {
            throw new FormatException($"a {bytes.Length}-byte integer does not fit in 256 bits");
        }

        return bytes.IsEmpty ? BigInteger.Zero : new BigInteger(bytes.Span, isUnsigned: true, isBigEndian: true);
    }
}
