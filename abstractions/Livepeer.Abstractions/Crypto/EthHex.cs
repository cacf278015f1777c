namespace Livepeer.Abstractions.Crypto;

/// <summary>Hex as Ethereum tools write it: <c>0x</c>-prefixed lower case out, prefix optional and any case in.</summary>
public static class EthHex
{
    /// <summary><c>0x</c> followed by the bytes in lower-case hex (<c>"0x"</c> for none).</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Decodes an even number of hex digits with an optional <c>0x</c>/<c>0X</c> prefix.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        bytes = [];
        if ((text.Length & 1) != 0)
        {
            return false;
        }

        var result = new byte[text.Length / 2];
        if (Convert.FromHexString(text, result, out _, out var written) != System.Buffers.OperationStatus.Done || written != result.Length)
        {
            return false;
        }

        bytes = result;
        return true;
    }

    /// <summary>Decodes hex as <see cref="TryDecode"/> does.</summary>
    /// <exception cref="FormatException">The text is not hex.</exception>
    public static byte[] Decode(string text) =>
        TryDecode(text, out var bytes) ? bytes : throw new FormatException($"'{text}' is not hex.");
}
