using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc;

/// <summary>The plugin's log messages (event ids 2600–2699).</summary>
internal static partial class ByocLog
{
    [LoggerMessage(EventId = 2600, Level = LogLevel.Information, Message = "BYOC capability {Name} registered at {Url} (capacity {Capacity})")]
    public static partial void Registered(ILogger logger, string name, Uri url, int capacity);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "BYOC capability {Name} unregistered: {Reason}")]
    public static partial void Unregistered(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "BYOC registration refused: {Reason}")]
    public static partial void RegistrationRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Information, Message = "BYOC stream {StreamId} started on {Capability}")]
    public static partial void StreamStarted(ILogger logger, string streamId, string capability);

    [LoggerMessage(EventId = 2604, Level = LogLevel.Information, Message = "BYOC stream {StreamId} ended: {Reason}")]
    public static partial void StreamEnded(ILogger logger, string streamId, string reason);

    [LoggerMessage(EventId = 2605, Level = LogLevel.Warning, Message = "BYOC stream {StreamId}: stopping the capability failed")]
    public static partial void StopFailed(ILogger logger, string streamId, Exception exception);

    [LoggerMessage(EventId = 2606, Level = LogLevel.Information, Message = "BYOC request refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 2607, Level = LogLevel.Warning, Message = "BYOC stream monitor failed")]
    public static partial void MonitorFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2608, Level = LogLevel.Warning, Message = "BYOC in-process capability {Name} not registered: {Reason}")]
    public static partial void InProcessRefused(ILogger logger, string name, string reason);
}
