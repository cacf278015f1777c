using Livepeer.Abstractions;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>What every part of a gateway stream uses: the gateway's orchestrator client, payments, channels, hub, clock, counters.</summary>
internal sealed record StreamServices(
    OrchestratorFinder Finder,
    OrchestratorClient Client,
    GatewayPayments Payments,
    ISegmentChannelClients? Channels,
    IMediaStreamHub? Hub,
    StreamAddresses Addresses,
    GatewayStreamTable Table,
    StreamCounters Counters,
    GatewayOptions Options,
    ByocOptions Byoc,
    TimeProvider Time,
    IRandomSource Random,
    ILogger Logger)
{
    public OrchestratorStreamApi Api { get; } = new(Client, Payments, Options);
}
