using Livepeer.Abstractions.Payments;

namespace Livepeer.Host.Payments;

/// <summary>The base64 step of the <c>Livepeer-Payment</c> and <c>Livepeer-Segment</c> headers, size-checked before decoding.</summary>
internal static class HeaderBase64
{
    /// <exception cref="PaymentException">Empty, larger than <paramref name="maxBytes"/> decoded, or not standard base64.</exception>
    public static ReadOnlyMemory<byte> Decode(string? header, int maxBytes, string what)
    {
        if (string.IsNullOrEmpty(header))
        {
            throw new PaymentException("missing " + what);
        }

        if (header.Length > ((maxBytes + 2) / 3 * 4) + 4)
        {
            throw new PaymentException($"{what} is larger than {maxBytes} bytes");
        }

        var bytes = new byte[(header.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(header, bytes, out var length))
        {
            throw new PaymentException(what + " is not valid base64");
        }

        return length <= maxBytes ? bytes.AsMemory(0, length) : throw new PaymentException($"{what} is larger than {maxBytes} bytes");
    }
}
