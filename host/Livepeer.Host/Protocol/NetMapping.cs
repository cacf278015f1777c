using System.Collections.Immutable;
using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Protocol;

/// <summary>
/// Converts between the contracts' DTOs and the <c>net</c> protobuf messages. Decoding validates what the
/// DTOs require (address lengths, uint256 ranges, positive pixels per unit) and throws
/// <see cref="FormatException"/> on anything else, so garbage from the network never becomes a DTO.
/// </summary>
internal static class NetMapping
{
    public static Net.PriceInfo ToProto(Price price) => new() { PricePerUnit = price.PricePerUnit, PixelsPerUnit = price.PixelsPerUnit };

    public static Net.PriceInfo ToProto(CapabilityPrice price) => new()
    {
        PricePerUnit = price.Price.PricePerUnit,
        PixelsPerUnit = price.Price.PixelsPerUnit,
        Capability = (uint)price.Capability,
        Constraint = price.Constraint,
    };

    /// <summary>A price; <c>null</c> for an absent message. "pixels per unit is 0" is an error, as upstream.</summary>
    public static Price? FromProto(Net.PriceInfo? price)
    {
        if (price is null)
        {
            return null;
        }

        if (price.PixelsPerUnit <= 0)
        {
            throw new FormatException("pixels per unit is 0");
        }

        if (price.PricePerUnit < 0)
        {
            throw new FormatException("price per unit is negative");
        }

        return new Price(price.PricePerUnit, price.PixelsPerUnit);
    }

    public static Net.TicketParams ToProto(TicketParams ticket)
    {
        var proto = new Net.TicketParams
        {
            Recipient = ByteString.CopyFrom(ticket.Recipient.ToArray()),
            FaceValue = BigEndian.ToBytes(ticket.FaceValue),
            WinProb = BigEndian.ToBytes(ticket.WinProbability),
            RecipientRandHash = ByteString.CopyFrom(ticket.RecipientRandHash.Span),
            Seed = BigEndian.ToBytes(ticket.Seed),
            ExpirationBlock = BigEndian.ToBytes(ticket.ExpirationBlock),
        };
        if (ticket.ExpirationParams is { } expiration)
        {
            proto.ExpirationParams = ToProto(expiration);
        }

        return proto;
    }

    public static Net.TicketExpirationParams ToProto(TicketExpirationParams expiration) => new()
    {
        CreationRound = expiration.CreationRound,
        CreationRoundBlockHash = ByteString.CopyFrom(expiration.CreationRoundBlockHash.Span),
    };

    public static TicketParams? FromProto(Net.TicketParams? ticket) => ticket is null ? null :
        new TicketParams(
            Address(ticket.Recipient),
            BigEndian.FromBytes(ticket.FaceValue),
            BigEndian.FromBytes(ticket.WinProb),
            Hash(ticket.RecipientRandHash),
            BigEndian.FromBytes(ticket.Seed),
            BigEndian.FromBytes(ticket.ExpirationBlock))
        {
            ExpirationParams = FromProto(ticket.ExpirationParams),
        };

    public static TicketExpirationParams? FromProto(Net.TicketExpirationParams? expiration) =>
        expiration is null ? null : new TicketExpirationParams(expiration.CreationRound, Hash(expiration.CreationRoundBlockHash));

    public static Payment FromProto(Net.Payment payment) =>
        new(Address(payment.Sender), FromProto(payment.ExpectedPrice) ?? throw new FormatException("invalid expected price sent with payment"))
        {
            TicketParams = FromProto(payment.TicketParams),
            ExpirationParams = FromProto(payment.ExpirationParams),
            Tickets = [.. payment.TicketSenderParams.Select(t => new TicketSenderParams(t.SenderNonce, [.. t.Sig.Span]))],
        };

    public static Net.Payment ToProto(Payment payment)
    {
        var proto = new Net.Payment
        {
            Sender = ByteString.CopyFrom(payment.Sender.ToArray()),
            ExpectedPrice = ToProto(payment.ExpectedPrice),
        };
        if (payment.TicketParams is { } ticket)
        {
            proto.TicketParams = ToProto(ticket);
        }

        if (payment.ExpirationParams is { } expiration)
        {
            proto.ExpirationParams = ToProto(expiration);
        }

        proto.TicketSenderParams.AddRange(payment.Tickets.Select(t => new Net.TicketSenderParams
        {
            SenderNonce = t.SenderNonce,
            Sig = ByteString.CopyFrom(t.Signature.AsSpan()),
        }));
        return proto;
    }

    public static Net.Capabilities ToProto(NodeCapabilities capabilities)
    {
        var proto = new Net.Capabilities { Version = capabilities.Version };
        proto.Bitstring.AddRange(capabilities.Offered.Bitstring);
        proto.Mandatories.AddRange(capabilities.Mandatory.Bitstring);
        foreach (var (capability, capacity) in capabilities.Capacities)
        {
            proto.Capacities[(uint)capability] = (uint)Math.Max(0, capacity);
        }

        if (capabilities.MinVersion.Length > 0 || capabilities.Models.Count > 0)
        {
            proto.Constraints = new Net.Capabilities.Types.Constraints { MinVersion = capabilities.MinVersion };
            foreach (var (capability, models) in capabilities.Models)
            {
                var perCapability = new Net.Capabilities.Types.CapabilityConstraints();
                foreach (var (modelId, model) in models)
                {
                    perCapability.Models[modelId] = new Net.Capabilities.Types.CapabilityConstraints.Types.ModelConstraint
                    {
                        Warm = model.Warm,
                        Capacity = (uint)Math.Max(0, model.Capacity),
                        RunnerVersion = model.RunnerVersion,
                        CapacityInUse = (uint)Math.Max(0, model.CapacityInUse),
                    };
                }

                proto.Constraints.PerCapability[(uint)capability] = perCapability;
            }
        }

        return proto;
    }

    public static NodeCapabilities? FromProto(Net.Capabilities? capabilities)
    {
        if (capabilities is null)
        {
            return null;
        }

        // Capability numbers beyond a few thousand are not capabilities but garbage: refuse rather than allocate.
        if (capabilities.Bitstring.Count > 64 || capabilities.Mandatories.Count > 64)
        {
            throw new FormatException("capability bitstring too long");
        }

        var models = new Dictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>>();
        if (capabilities.Constraints is { } constraints)
        {
            foreach (var (capability, perCapability) in constraints.PerCapability)
            {
                models[(Capability)(int)Math.Min(capability, int.MaxValue)] = perCapability.Models.ToDictionary(
                    m => m.Key,
                    m => new ModelConstraint(m.Value.Warm, (int)Math.Min(m.Value.Capacity, int.MaxValue), m.Value.RunnerVersion, (int)Math.Min(m.Value.CapacityInUse, int.MaxValue)),
                    StringComparer.Ordinal);
            }
        }

        return new NodeCapabilities
        {
            Offered = CapabilitySet.FromBitstring(capabilities.Bitstring),
            Mandatory = CapabilitySet.FromBitstring(capabilities.Mandatories),
            Capacities = capabilities.Capacities.ToDictionary(c => (Capability)(int)Math.Min(c.Key, int.MaxValue), c => (int)Math.Min(c.Value, int.MaxValue)),
            Version = capabilities.Version,
            MinVersion = capabilities.Constraints?.MinVersion ?? "",
            Models = models,
        };
    }

    public static Net.AuthToken ToProto(AuthToken token) => new()
    {
        Token = ByteString.CopyFrom(token.Token.AsSpan()),
        SessionId = token.SessionId,
        Expiration = token.Expiration.ToUnixTimeSeconds(),
    };

    public static AuthToken? FromProto(Net.AuthToken? token) => token is null ? null :
        new AuthToken([.. token.Token.Span], token.SessionId, DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(token.Expiration, -62135596800, 253402300799)));

    /// <summary>The gateway's view of an orchestrator's answer.</summary>
    /// <exception cref="FormatException">The answer is not a usable orchestrator info (no absolute transcoder URI, bad fields).</exception>
    public static OrchestratorInfo FromProto(Net.OrchestratorInfo info)
    {
        if (!Uri.TryCreate(info.Transcoder, UriKind.Absolute, out var serviceUri) || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new FormatException($"invalid transcoder URI '{info.Transcoder}'");
        }

        return new OrchestratorInfo(serviceUri)
        {
            Address = info.Address.IsEmpty ? null : Address(info.Address),
            Price = FromProto(info.PriceInfo),
            TicketParams = FromProto(info.TicketParams),
            Capabilities = FromProto(info.Capabilities),
            CapabilityPrices = [.. info.CapabilitiesPrices.Select(p => new CapabilityPrice((Capability)(int)Math.Min(p.Capability, int.MaxValue), p.Constraint, FromProto(p)!))],
            AuthToken = FromProto(info.AuthToken),
            Nodes = [.. info.Nodes.Select(n => Uri.TryCreate(n, UriKind.Absolute, out var u) ? u : null).OfType<Uri>()],
        };
    }

    private static EthAddress Address(ByteString bytes) =>
        bytes.Length == EthAddress.Length ? new EthAddress(bytes.Span) : throw new FormatException($"an address is 20 bytes, not {bytes.Length}");

    private static Hash32 Hash(ByteString bytes) =>
        bytes.IsEmpty ? default : bytes.Length == Hash32.Length ? new Hash32(bytes.Span) : throw new FormatException($"a hash is 32 bytes, not {bytes.Length}");

    private static ReadOnlySpan<byte> AsSpan(this ImmutableArray<byte> bytes) => bytes.IsDefault ? [] : bytes.AsSpan();
}
