namespace Livepeer.Host.Protocol;

/// <summary>Log messages of the orchestrator's discovery auth webhook (event ids 1340–1349).</summary>
internal static partial class DiscoveryAuthLog
{
    [LoggerMessage(EventId = 1340, Level = LogLevel.Information, Message = "Discovery auth webhook refused gateway {Gateway}: {Reason}")]
    public static partial void Refused(ILogger logger, string gateway, string reason);

    [LoggerMessage(EventId = 1341, Level = LogLevel.Debug, Message = "Discovery auth webhook accepted gateway {Gateway} (price override: {Price})")]
    public static partial void Accepted(ILogger logger, string gateway, string price);
}
