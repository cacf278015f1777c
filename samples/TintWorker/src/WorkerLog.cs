using Microsoft.Extensions.Logging;

namespace Livepeer.Samples.TintWorker;

internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Stream {StreamId}: a segment could not be tinted: {Reason}")]
    public static partial void SegmentFailed(ILogger logger, string streamId, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stream {StreamId}: a channel ended: {Reason}")]
    public static partial void MediaEnded(ILogger logger, string streamId, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Stream {StreamId}: an event could not be written: {Reason}")]
    public static partial void EventFailed(ILogger logger, string streamId, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Registered capability={Name} with {Orchestrator}")]
    public static partial void Registered(ILogger logger, string name, Uri orchestrator);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Registration with {Orchestrator} failed: {Reason}")]
    public static partial void RegistrationFailed(ILogger logger, Uri orchestrator, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Registration with {Orchestrator} refused, not trying again: {Reason}")]
    public static partial void RegistrationRefused(ILogger logger, Uri orchestrator, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Standard input closed (the node that runs the worker is stopping or gone): stopping")]
    public static partial void StdinClosed(ILogger logger);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Stream {StreamId} started (u={U}, v={V})")]
    public static partial void Started(ILogger logger, string streamId, int u, int v);
}
