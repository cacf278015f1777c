namespace Livepeer.Host.Gateway;

/// <summary>Log messages of the gateway's discovery (event ids 1300–1319).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug, Message = "Discovery: {Count} orchestrators usable of {Candidates} candidates ({Responded} answered) in {ElapsedMs} ms")]
    public static partial void Discovered(ILogger logger, int count, int candidates, int responded, long elapsedMs);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Discovery: {Orchestrator} not used: {Reason}")]
    public static partial void AnswerRejected(ILogger logger, Uri orchestrator, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Discovery source '{Source}' failed; its candidates are skipped this time")]
    public static partial void SourceFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Could not remember discovered orchestrators in the node database")]
    public static partial void RecordFailed(ILogger logger, Exception exception);
}
