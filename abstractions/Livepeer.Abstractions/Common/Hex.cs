namespace Livepeer.Abstractions;

/// <summary>Hex helpers for fixed-size values with an optional <c>0x</c> prefix.</summary>
internal static class Hex
{
    public static bool TryDecodeFixed(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length != destination.Length * 2)
        {
            return false;
        }

        try
        {
            return Convert.FromHexString(text, destination, out _, out var written) == System.Buffers.OperationStatus.Done &&
                written == destination.Length;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
