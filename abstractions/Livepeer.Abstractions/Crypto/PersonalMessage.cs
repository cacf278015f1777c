using System.Globalization;
using System.Text;

namespace Livepeer.Abstractions.Crypto;

/// <summary>
/// EIP-191 version 0x45 ("personal_sign"): the digest an Ethereum account signs for a message is
/// <c>keccak256("\x19Ethereum Signed Message:\n" + decimal(len(message)) + message)</c>
/// (go-ethereum <c>accounts.TextHash</c>, which go-livepeer's <c>VerifySig</c> and <c>Sign</c> use).
/// </summary>
public static class PersonalMessage
{
    /// <summary>The prefix before the decimal length. Written with <c>\u0019</c>: C#'s <c>"\x19E"</c> would be one character, U+019E.</summary>
    public const string Prefix = "\u0019Ethereum Signed Message:\n";

    /// <summary>Writes the EIP-191 digest of <paramref name="message"/> to the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        var length = message.Length.ToString(CultureInfo.InvariantCulture);
        var headerLength = Prefix.Length + length.Length;
        var total = headerLength + message.Length;
        var rented = total <= 512 ? null : new byte[total];
        Span<byte> buffer = rented ?? stackalloc byte[512];
        Encoding.ASCII.GetBytes(Prefix, buffer);
        Encoding.ASCII.GetBytes(length, buffer[Prefix.Length..]);
        message.CopyTo(buffer[headerLength..]);
        Keccak256.HashData(buffer[..total], destination);
    }

    /// <summary>The EIP-191 digest of <paramref name="message"/> as a new 32-byte array.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> message)
    {
        var digest = new byte[Keccak256.HashLength];
        HashData(message, digest);
        return digest;
    }
}
