using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Rtmp;

/// <summary>The plugin's log messages (event ids 4000–4099).</summary>
internal static partial class RtmpLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "RTMP listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "RTMP client {Remote} disconnected: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "RTMP connection from {Remote} failed")]
    public static partial void ConnectionFailed(ILogger logger, string remote, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "RTMP publish started: stream {StreamId} from {Remote} (app '{App}', name '{Name}')")]
    public static partial void PublishStarted(ILogger logger, string streamId, string remote, string app, string name);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "RTMP publish ended: stream {StreamId}, {Segments} segments")]
    public static partial void PublishEnded(ILogger logger, string streamId, long segments);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "RTMP publish of '{Name}' refused: {Reason}")]
    public static partial void PublishRefused(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "RTMP playback of {StreamId} started for {Remote}")]
    public static partial void PlayStarted(ILogger logger, string streamId, string remote);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "RTMP playback of '{Name}' refused: {Reason}")]
    public static partial void PlayRefused(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "RTMP auth webhook refused '{Url}': {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string url, string reason);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "RTMP push of {StreamId} to {Target} started")]
    public static partial void PushStarted(ILogger logger, string streamId, string target);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "RTMP push of {StreamId} to {Target} failed")]
    public static partial void PushFailed(ILogger logger, string streamId, string target, Exception exception);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug, Message = "RTMP command {Command} from {Remote}")]
    public static partial void Command(ILogger logger, string command, string remote);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "RTMP segment of {StreamId} could not be played out: {Reason}")]
    public static partial void PlayoutSkipped(ILogger logger, string streamId, string reason);
}
