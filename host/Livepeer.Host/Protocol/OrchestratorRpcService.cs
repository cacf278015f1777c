using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Configuration;
using Livepeer.Host.Grpc;
using Livepeer.Host.Hosting;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Protocol;

/// <summary>
/// The <c>net.Orchestrator</c> gRPC service on the orchestrator's service port (§3.4): GetOrchestrator,
/// Ping and EndTranscodingSession.
/// </summary>
internal sealed class OrchestratorRpcService(
    NodeOptions options,
    INodeAddresses addresses,
    OrchestratorOffer offer,
    AuthTokens tokens,
    TranscodingSessions sessions,
    IServiceProvider services)
{
    public const string GetOrchestratorPath = "/net.Orchestrator/GetOrchestrator";
    public const string PingPath = "/net.Orchestrator/Ping";
    public const string EndTranscodingSessionPath = "/net.Orchestrator/EndTranscodingSession";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcUnary<Net.OrchestratorRequest, Net.OrchestratorInfo>(GetOrchestratorPath, Net.OrchestratorRequest.Parser,
            (request, call) => call.HttpContext.RequestServices.GetRequiredService<OrchestratorRpcService>().GetOrchestratorAsync(request, call));
        endpoints.MapGrpcUnary<Net.PingPong, Net.PingPong>(PingPath, Net.PingPong.Parser,
            (request, call) => Task.FromResult(call.HttpContext.RequestServices.GetRequiredService<OrchestratorRpcService>().Ping(request)));
        endpoints.MapGrpcUnary<Net.EndTranscodingSessionRequest, Net.EndTranscodingSessionResponse>(EndTranscodingSessionPath, Net.EndTranscodingSessionRequest.Parser,
            (request, call) => Task.FromResult(call.HttpContext.RequestServices.GetRequiredService<OrchestratorRpcService>().EndTranscodingSession(request)));
    }

    public async Task<Net.OrchestratorInfo> GetOrchestratorAsync(Net.OrchestratorRequest request, GrpcServerCallContext call)
    {
        // Offchain, go-livepeer's VerifySig accepts any signature; a scheme with tickets verifies it (§3.4).
        var sender = request.Address.Length == EthAddress.Length ? new EthAddress(request.Address.Span) : EthAddress.Zero;
        if (options.UsesTicketBroker && !IsSignedBySender(request, sender))
        {
            throw new GrpcException(GrpcStatusCode.Unknown, "Invalid orchestrator request: orchestrator req sig check failed");
        }

        if (!request.IgnoreCapacityCheck && !sessions.HasCapacity)
        {
            throw new GrpcException(GrpcStatusCode.Unknown, "Invalid orchestrator request: orchestrator is at capacity");
        }

        var price = offer.TranscodingPrice;
        if (services.GetService<IDiscoveryAuthorizer>() is { } authorizer)
        {
            var authorization = await authorizer.AuthorizeAsync(sender, call.CancellationToken).ConfigureAwait(false);
            price = authorization.Allowed
                ? authorization.Price ?? price
                : throw new GrpcException(GrpcStatusCode.Unknown, "Invalid orchestrator request: discovery auth webhook refused the gateway: " + authorization.Reason);
        }

        var info = new Net.OrchestratorInfo
        {
            Transcoder = (addresses.GetBaseUri(NodeListener.Service) ?? options.ServiceUri).ToString().TrimEnd('/'),
            PriceInfo = NetMapping.ToProto(price),
            Capabilities = NetMapping.ToProto(offer.Capabilities()),
            AuthToken = NetMapping.ToProto(tokens.Create()),
        };

        var receiver = ExtensionCatalog.Resolve<IPaymentReceiver>(services, options.PaymentScheme);
        if (receiver is not null && await receiver.GetTicketParamsAsync(sender, price, call.CancellationToken).ConfigureAwait(false) is { } ticketParams)
        {
            info.TicketParams = NetMapping.ToProto(ticketParams);
            info.Address = ByteString.CopyFrom(ticketParams.Recipient.ToArray());
        }

        // Upstream fills capabilities_prices only when the gateway sent no capabilities.
        if (request.Capabilities is null)
        {
            info.CapabilitiesPrices.AddRange(offer.CapabilityPrices().Select(NetMapping.ToProto));
        }

        return info;
    }

    // Offchain, go-livepeer's Sign returns no bytes; a node with keys and tickets signs the value (orchestrator.Sign).
    public Net.PingPong Ping(Net.PingPong request) =>
        options.UsesTicketBroker && services.GetService<IEthereumAccount>() is { } account
            ? new() { Value = ByteString.CopyFrom(account.SignHashedMessage(request.Value.Span)) }
            : new() { Value = ByteString.Empty };

    /// <summary>
    /// go-livepeer <c>VerifySig(addr, addr.Hex(), sig)</c>: the gateway personal-signed keccak256 of its
    /// EIP-55 checksummed address string.
    /// </summary>
    public static bool IsSignedBySender(Net.OrchestratorRequest request, EthAddress sender, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(verifier);
        if (request.Address.Length != EthAddress.Length || sender.IsZero)
        {
            return false;
        }

        var message = Keccak256.HashData(System.Text.Encoding.ASCII.GetBytes(sender.ToChecksumString()));
        return verifier.VerifyMessage(sender, message, request.Sig.Span) == SignatureStatus.Valid;
    }

    private bool IsSignedBySender(Net.OrchestratorRequest request, EthAddress sender) =>
        IsSignedBySender(request, sender, services.GetRequiredService<ISignatureVerifier>());

    public Net.EndTranscodingSessionResponse EndTranscodingSession(Net.EndTranscodingSessionRequest request)
    {
        var token = request.AuthToken is null ? null : NetMapping.FromProto(request.AuthToken);
        if (!tokens.IsValid(token))
        {
            throw new GrpcException(GrpcStatusCode.Unknown, "invalid auth token");
        }

        sessions.End(token!.SessionId);
        return new Net.EndTranscodingSessionResponse();
    }
}
