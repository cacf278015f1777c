using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Server;

/// <summary>The plugin's log messages (event ids 2000–2099).</summary>
internal static partial class TrickleLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Trickle channel {Channel} created ({MimeType})")]
    public static partial void ChannelCreated(ILogger logger, string channel, string mimeType);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Trickle channel {Channel} deleted")]
    public static partial void ChannelDeleted(ILogger logger, string channel);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Trickle channel {Channel} closed after being idle")]
    public static partial void ChannelSwept(ILogger logger, string channel);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Trickle publish {Channel}/{Sequence} still waiting for its first byte")]
    public static partial void FirstByteKeepAlive(ILogger logger, string channel, long sequence);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Trickle publish {Channel}/{Sequence} completed, {Bytes} bytes")]
    public static partial void PublishCompleted(ILogger logger, string channel, long sequence, long bytes);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Trickle publish {Channel}/{Sequence} failed after {Bytes} bytes")]
    public static partial void PublishFailed(ILogger logger, string channel, long sequence, long bytes, Exception exception);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Trickle segment {Channel}/{Sequence} refused: larger than {MaxBytes} bytes")]
    public static partial void SegmentTooLarge(ILogger logger, string channel, long sequence, long maxBytes);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Trickle channel {Channel} refused: the limit of {MaxChannels} channels is reached")]
    public static partial void ChannelLimitReached(ILogger logger, string channel, int maxChannels);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "Trickle subscriber of {Channel}/{Sequence} went away after {Bytes} bytes")]
    public static partial void SubscriberGone(ILogger logger, string channel, long sequence, long bytes);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "Trickle channel hook refused {Channel}: {Status} {Reason}")]
    public static partial void HookRefused(ILogger logger, string channel, int status, string reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "Trickle channel hook failed for {Channel}")]
    public static partial void HookFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Error, Message = "Trickle idle sweep failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
