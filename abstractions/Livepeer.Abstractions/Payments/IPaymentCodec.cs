namespace Livepeer.Abstractions.Payments;

/// <summary>
/// The wire form of a payment: the <c>Livepeer-Payment</c> header value (base64 of the protobuf
/// <c>net.Payment</c>, field numbers as upstream). Implemented by the host, which owns the
/// protobuf messages, so plugins exchange payments without carrying their own copy.
/// </summary>
public interface IPaymentCodec
{
    /// <summary>Encodes a payment as the header value.</summary>
    string Encode(Payment payment);

    /// <summary>
    /// Decodes a header value. Throws <see cref="PaymentException"/> for bad base64, bad protobuf,
    /// oversized input or out-of-range integers.
    /// </summary>
    Payment Decode(string headerValue);
}
