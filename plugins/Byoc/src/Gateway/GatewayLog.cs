using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway;

/// <summary>The gateway side's log messages (event ids 2650–2699 of the plugin's 2600–2699).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 2650, Level = LogLevel.Warning, Message = "BYOC gateway: discovery for {Capability} timed out")]
    public static partial void DiscoveryTimedOut(ILogger logger, string capability);

    [LoggerMessage(EventId = 2651, Level = LogLevel.Debug, Message = "BYOC gateway: {Orchestrator} has no capacity for {Capability}")]
    public static partial void NoCapacity(ILogger logger, Uri orchestrator, string capability);

    [LoggerMessage(EventId = 2652, Level = LogLevel.Debug, Message = "BYOC gateway: a token for {Capability} failed")]
    public static partial void TokenFailed(ILogger logger, string capability, Exception exception);

    [LoggerMessage(EventId = 2653, Level = LogLevel.Warning, Message = "BYOC gateway: job for {Capability} failed on {Orchestrator}: {Reason}")]
    public static partial void JobFailed(ILogger logger, string capability, Uri orchestrator, string reason);

    [LoggerMessage(EventId = 2654, Level = LogLevel.Information, Message = "BYOC gateway stream {StreamId} started for {Capability}")]
    public static partial void StreamStarted(ILogger logger, string streamId, string capability);

    [LoggerMessage(EventId = 2655, Level = LogLevel.Information, Message = "BYOC gateway stream {StreamId} ended: {Reason}")]
    public static partial void StreamEnded(ILogger logger, string streamId, string reason);

    [LoggerMessage(EventId = 2656, Level = LogLevel.Information, Message = "BYOC gateway stream {StreamId} running on {Orchestrator}")]
    public static partial void LegStarted(ILogger logger, string streamId, Uri orchestrator);

    [LoggerMessage(EventId = 2657, Level = LogLevel.Warning, Message = "BYOC gateway stream {StreamId} left {Orchestrator}: {Reason}")]
    public static partial void LegFailed(ILogger logger, string streamId, Uri orchestrator, string reason);

    [LoggerMessage(EventId = 2658, Level = LogLevel.Warning, Message = "BYOC gateway stream {StreamId}: payment to {Orchestrator} failed: {Reason}")]
    public static partial void PaymentFailed(ILogger logger, string streamId, Uri orchestrator, string reason);

    [LoggerMessage(EventId = 2659, Level = LogLevel.Debug, Message = "BYOC gateway stream {StreamId}: telling {Orchestrator} to stop failed: {Reason}")]
    public static partial void StopFailed(ILogger logger, string streamId, Uri orchestrator, string reason);

    [LoggerMessage(EventId = 2660, Level = LogLevel.Warning, Message = "BYOC gateway stream {StreamId}: RTMP output to {Target} failed; retrying")]
    public static partial void EgressFailed(ILogger logger, string streamId, string target, Exception exception);

    [LoggerMessage(EventId = 2661, Level = LogLevel.Information, Message = "BYOC gateway request refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 2662, Level = LogLevel.Debug, Message = "BYOC gateway stream {StreamId}: unreadable message on {Channel}: {Reason}")]
    public static partial void Unreadable(ILogger logger, string streamId, string channel, string reason);

    [LoggerMessage(EventId = 2663, Level = LogLevel.Warning, Message = "BYOC gateway stream {StreamId} failed")]
    public static partial void StreamFailed(ILogger logger, string streamId, Exception exception);

    [LoggerMessage(EventId = 2664, Level = LogLevel.Debug, Message = "BYOC gateway stream {StreamId}: a segment on {Channel} failed: {Reason}")]
    public static partial void SegmentFailed(ILogger logger, string streamId, string channel, string reason);

    [LoggerMessage(EventId = 2665, Level = LogLevel.Information, Message = "BYOC gateway stream {StreamId}: {Operation} on {Orchestrator} answered {Status}")]
    public static partial void Forwarded(ILogger logger, string streamId, string operation, Uri orchestrator, int status);

    [LoggerMessage(EventId = 2666, Level = LogLevel.Debug, Message = "BYOC gateway: no orchestrator advertises {Capability}; asking every one that answers for a token")]
    public static partial void SearchingUnfiltered(ILogger logger, string capability);
}
