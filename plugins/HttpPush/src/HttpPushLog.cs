using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.HttpPush;

/// <summary>The plugin's log messages (event ids 4140–4199).</summary>
internal static partial class HttpPushLog
{
    [LoggerMessage(EventId = 4140, Level = LogLevel.Information, Message = "HTTP push: stream {StreamId} started")]
    public static partial void StreamStarted(ILogger logger, string streamId);

    [LoggerMessage(EventId = 4141, Level = LogLevel.Information, Message = "HTTP push: stream {StreamId} ended after {IdleTimeout} without a segment")]
    public static partial void StreamIdle(ILogger logger, string streamId, TimeSpan idleTimeout);

    [LoggerMessage(EventId = 4142, Level = LogLevel.Warning, Message = "HTTP push: stream {StreamId} refused, the node already has {MaxSessions} streams")]
    public static partial void SessionLimit(ILogger logger, string streamId, int maxSessions);

    [LoggerMessage(EventId = 4143, Level = LogLevel.Warning, Message = "HTTP push: auth webhook refused {Path} with status {Status}")]
    public static partial void AuthRefused(ILogger logger, string path, int status);

    [LoggerMessage(EventId = 4144, Level = LogLevel.Warning, Message = "HTTP push: auth webhook failed for {Path}; the stream is refused")]
    public static partial void AuthFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 4145, Level = LogLevel.Warning, Message = "HTTP push: segment for {StreamId} refused, larger than {MaxBytes} bytes")]
    public static partial void TooLarge(ILogger logger, string streamId, long maxBytes);

    [LoggerMessage(EventId = 4146, Level = LogLevel.Warning, Message = "HTTP push: segment {StreamId}/{Sequence} ({Bytes} bytes) is not a media container")]
    public static partial void NotMedia(ILogger logger, string streamId, long sequence, int bytes);

    [LoggerMessage(EventId = 4147, Level = LogLevel.Warning, Message = "HTTP push is disabled because the gateway listens on {Host}, not loopback; set -authWebhookUrl or -httpIngest to enable it")]
    public static partial void DisabledOnPublicAddress(ILogger logger, string host);
}
