using Google.Protobuf;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Protocol;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Payments;

/// <summary>
/// The <c>Livepeer-Payment</c> header (§3.5): standard base64 of the protobuf <c>net.Payment</c>. Decoding
/// is strict — anything that is not a well-formed payment from a sender becomes a <see cref="PaymentException"/>,
/// never a half-filled DTO.
/// </summary>
internal sealed class PaymentCodec : IPaymentCodec
{
    /// <summary>Largest decoded payment accepted: 64 KiB, room for ~900 tickets (upstream sends a few).</summary>
    public const int MaxPaymentBytes = 64 * 1024;

    public string Encode(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        try
        {
            return Convert.ToBase64String(NetMapping.ToProto(payment).ToByteArray());
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new PaymentException("payment has a negative integer", e);
        }
    }

    public Payment Decode(string headerValue)
    {
        var bytes = HeaderBase64.Decode(headerValue, MaxPaymentBytes, "payment");
        Net.Payment proto;
        try
        {
            proto = Net.Payment.Parser.ParseFrom(bytes.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new PaymentException("payment is not a valid protobuf net.Payment: " + e.Message, e);
        }

        // go-livepeer ProcessPayment: tickets need a sender and the expiration params they were written with.
        if (proto.Sender.IsEmpty)
        {
            throw new PaymentException("Could not find Sender for payment");
        }

        if (proto.TicketParams is not null && proto.ExpirationParams is null)
        {
            throw new PaymentException("payment has ticket params but no expiration params");
        }

        if (proto.ExpectedPrice is null)
        {
            throw new PaymentException("invalid expected price sent with payment");
        }

        try
        {
            return NetMapping.FromProto(proto);
        }
        catch (FormatException e)
        {
            throw new PaymentException(e.Message == "pixels per unit is 0" ? "invalid expected price sent with payment" : "invalid payment: " + e.Message, e);
        }
    }
}
