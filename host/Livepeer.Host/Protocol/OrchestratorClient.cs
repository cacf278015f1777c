using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Grpc;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Protocol;

/// <summary>The gateway's side of <c>net.Orchestrator</c>: asks an orchestrator for its info, over TLS, with a deadline.</summary>
internal sealed class OrchestratorClient(GrpcClient grpc)
{
    /// <summary>go-livepeer's <c>GRPCTimeout</c>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(8);

    /// <exception cref="GrpcException">The call failed (UNAVAILABLE when unreachable, DEADLINE_EXCEEDED on timeout).</exception>
    /// <exception cref="FormatException">The orchestrator answered with an unusable info.</exception>
    public async Task<OrchestratorInfo> GetOrchestratorAsync(
        Uri serviceUri,
        EthAddress sender,
        ReadOnlyMemory<byte> signature,
        NodeCapabilities? capabilities,
        bool ignoreCapacityCheck,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var request = new Net.OrchestratorRequest
        {
            Address = sender.IsZero ? ByteString.Empty : ByteString.CopyFrom(sender.ToArray()),
            Sig = ByteString.CopyFrom(signature.Span),
            IgnoreCapacityCheck = ignoreCapacityCheck,
        };
        if (capabilities is not null)
        {
            request.Capabilities = NetMapping.ToProto(capabilities);
        }

        var info = await grpc.UnaryAsync(serviceUri, OrchestratorRpcService.GetOrchestratorPath, request, Net.OrchestratorInfo.Parser, timeout ?? DefaultTimeout, cancellationToken).ConfigureAwait(false);
        return NetMapping.FromProto(info);
    }

    /// <summary>Pings an orchestrator; returns its answer (a signature of the value onchain, empty offchain).</summary>
    public async Task<byte[]> PingAsync(Uri serviceUri, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var answer = await grpc.UnaryAsync(serviceUri, OrchestratorRpcService.PingPath, new Net.PingPong { Value = ByteString.CopyFrom(value.Span) }, Net.PingPong.Parser, DefaultTimeout, cancellationToken).ConfigureAwait(false);
        return answer.Value.ToByteArray();
    }
}
