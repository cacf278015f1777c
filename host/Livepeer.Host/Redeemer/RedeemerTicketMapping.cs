using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Protocol;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Redeemer;

/// <summary>
/// A winning ticket as <c>net.Ticket</c> (redeemer.proto, §3.1) travels between an orchestrator and its
/// redeemer: the ticket params without seed, the sender, expiration params, nonce and signature, and the
/// recipientRand (minimal big-endian), as upstream's <c>protoTicket</c>/<c>pmTicket</c> lay them out.
/// </summary>
internal static class RedeemerTicketMapping
{
    public static Net.Ticket ToProto(WinningTicket winning)
    {
        ArgumentNullException.ThrowIfNull(winning);
        var t = winning.Ticket;
        return new Net.Ticket
        {
            Sender = ByteString.CopyFrom(t.Sender.ToArray()),
            RecipientRand = BigEndian.ToBytes(winning.RecipientRand),
            TicketParams = new Net.TicketParams
            {
                Recipient = ByteString.CopyFrom(t.Recipient.ToArray()),
                FaceValue = BigEndian.ToBytes(t.FaceValue),
                WinProb = BigEndian.ToBytes(t.WinProbability),
                RecipientRandHash = ByteString.CopyFrom(t.RecipientRandHash.Span),
                ExpirationBlock = BigEndian.ToBytes(t.ParamsExpirationBlock),
            },
            SenderParams = new Net.TicketSenderParams
            {
                SenderNonce = t.SenderNonce,
                Sig = ByteString.CopyFrom(winning.Signature.AsSpan()),
            },
            ExpirationParams = new Net.TicketExpirationParams
            {
                CreationRound = t.CreationRound,
                CreationRoundBlockHash = ByteString.CopyFrom(t.CreationRoundBlockHash.Span),
            },
        };
    }

    /// <exception cref="FormatException">A part is missing, an address or hash has the wrong length, or an integer is wider than 256 bits.</exception>
    public static WinningTicket FromProto(Net.Ticket proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        var parameters = proto.TicketParams ?? throw new FormatException("ticket has no ticket_params");
        var sender = proto.SenderParams ?? throw new FormatException("ticket has no sender_params");
        var expiration = proto.ExpirationParams ?? throw new FormatException("ticket has no expiration_params");
        var ticket = new Ticket(
            Address(parameters.Recipient, "recipient"),
            Address(proto.Sender, "sender"),
            BigEndian.FromBytes(parameters.FaceValue),
            BigEndian.FromBytes(parameters.WinProb),
            sender.SenderNonce,
            Hash(parameters.RecipientRandHash),
            expiration.CreationRound,
            Hash(expiration.CreationRoundBlockHash),
            BigEndian.FromBytes(parameters.ExpirationBlock));
        return new WinningTicket(ticket, [.. sender.Sig.Span], BigEndian.FromBytes(proto.RecipientRand));
    }

    private static EthAddress Address(ByteString bytes, string what) =>
        bytes.Length == EthAddress.Length ? new EthAddress(bytes.Span) : throw new FormatException($"ticket {what} is {bytes.Length} bytes, not 20");

    private static Hash32 Hash(ByteString bytes) =>
        bytes.IsEmpty ? Hash32.Zero : bytes.Length == Hash32.Length ? new Hash32(bytes.Span) : throw new FormatException($"a hash is 32 bytes, not {bytes.Length}");
}
