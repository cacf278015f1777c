namespace Livepeer.Abstractions.Crypto;

/// <summary>EIP-55 mixed-case checksummed addresses, and addresses derived from public keys.</summary>
public static class EthAddressChecksum
{
    /// <summary>
    /// <c>0x</c> and 40 hex digits where a letter is upper case when the matching nibble of
    /// keccak256(lower-case hex) is 8 or more (EIP-55), as go-ethereum's <c>Address.Hex()</c> prints it.
    /// </summary>
    public static string ToChecksumString(this EthAddress address)
    {
        Span<byte> bytes = stackalloc byte[EthAddress.Length];
        address.WriteTo(bytes);
        Span<byte> ascii = stackalloc byte[EthAddress.Length * 2];
        Span<char> chars = stackalloc char[2 + (EthAddress.Length * 2)];
        chars[0] = '0';
        chars[1] = 'x';
        Convert.TryToHexStringLower(bytes, chars[2..], out _);
        for (var i = 0; i < ascii.Length; i++)
        {
            ascii[i] = (byte)chars[2 + i];
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.HashData(ascii, hash);
        for (var i = 0; i < ascii.Length; i++)
        {
            var nibble = (i & 1) == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0x0F;
            if (nibble >= 8 && chars[2 + i] >= 'a')
            {
                chars[2 + i] = (char)(chars[2 + i] - 'a' + 'A');
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// Parses an address and, when its letters are mixed case, checks the EIP-55 checksum (all lower or all
    /// upper case carries no checksum and is accepted, as EIP-55 says).
    /// </summary>
    public static bool TryParseChecked(string? text, out EthAddress address)
    {
        if (!EthAddress.TryParse(text, out address))
        {
            return false;
        }

        var digits = text!.AsSpan().Trim();
        digits = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? digits[2..] : digits;
        var hasLower = digits.ContainsAnyInRange('a', 'f');
        var hasUpper = digits.ContainsAnyInRange('A', 'F');
        if (hasLower && hasUpper && !digits.SequenceEqual(address.ToChecksumString().AsSpan(2)))
        {
            address = default;
            return false;
        }

        return true;
    }

    /// <summary>
    /// The address of a secp256k1 public key: the last 20 bytes of keccak256(X ‖ Y), from the 64-byte
    /// X ‖ Y form or the 65-byte SEC1 uncompressed form (leading 0x04).
    /// </summary>
    /// <exception cref="ArgumentException">The key is neither 64 bytes nor 65 bytes starting with 0x04.</exception>
    public static EthAddress FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length == 65 && publicKey[0] == 0x04)
        {
            publicKey = publicKey[1..];
        }

        if (publicKey.Length != 64)
        {
            throw new ArgumentException("A public key is 64 bytes (X ‖ Y) or 65 bytes (0x04 ‖ X ‖ Y).", nameof(publicKey));
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.HashData(publicKey, hash);
        return new EthAddress(hash[12..]);
    }
}
