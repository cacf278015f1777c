using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>The trickle clients' log messages (event ids 2100–2199).</summary>
internal static partial class TrickleClientLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Trickle publish {Channel}/{Sequence} refused before its first byte; retrying once")]
    public static partial void PublishRetry(ILogger logger, string channel, long sequence, Exception? exception);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Trickle publish {Channel}/{Sequence} failed ({Failures} in a row)")]
    public static partial void PublishFailed(ILogger logger, string channel, long sequence, int failures, Exception? exception);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Trickle publisher of {Channel} stopped: {Reason}")]
    public static partial void PublisherEnded(ILogger logger, string channel, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Trickle segment {Channel}/{Sequence} abandoned; deleting it so its subscribers end")]
    public static partial void SegmentAbandoned(ILogger logger, string channel, long sequence);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "Trickle subscribe {Channel}/{Sequence} got no headers in {Timeout}; re-issuing the pre-connect")]
    public static partial void PreconnectRefreshed(ILogger logger, string channel, long sequence, TimeSpan timeout);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Debug, Message = "Trickle subscribe {Channel}/{Sequence} answered 470; latest is {Latest}")]
    public static partial void SegmentMissing(ILogger logger, string channel, long sequence, long latest);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Trickle subscribe {Channel}/{Sequence} failed (attempt {Attempt})")]
    public static partial void SubscribeFailed(ILogger logger, string channel, long sequence, int attempt, Exception? exception);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Debug, Message = "Trickle subscriber of {Channel} reached the end of the stream")]
    public static partial void SubscriberEnded(ILogger logger, string channel);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Debug, Message = "Trickle request {Method} {Uri} failed")]
    public static partial void RequestFailed(ILogger logger, string method, Uri uri, Exception exception);
}
