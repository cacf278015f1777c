namespace Livepeer.Abstractions.Payments;

/// <summary>
/// The wire form of segment credentials: the <c>Livepeer-Segment</c> header value (base64 of the protobuf
/// <c>net.SegData</c>, field numbers as upstream). Implemented by the host, which owns the protobuf messages.
/// </summary>
public interface ISegmentCredentialsCodec
{
    /// <summary>Encodes credentials as the header value.</summary>
    string Encode(SegmentCredentials credentials);

    /// <summary>
    /// Decodes a header value. Throws <see cref="PaymentException"/> for bad base64, bad protobuf, oversized input,
    /// a hash of the wrong length or a manifest id that is not UTF-8.
    /// </summary>
    SegmentCredentials Decode(string headerValue);
}
