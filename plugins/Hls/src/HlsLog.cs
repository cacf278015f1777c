using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Hls;

/// <summary>The plugin's log messages (event ids 4100–4139).</summary>
internal static partial class HlsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "HLS: serving stream {StreamId} ({Renditions} renditions)")]
    public static partial void StreamTracked(ILogger logger, string streamId, int renditions);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "HLS: stream {StreamId} ended; its playlists stay for {Retention}")]
    public static partial void StreamEnded(ILogger logger, string streamId, TimeSpan retention);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "HLS: stream {StreamId} freed")]
    public static partial void StreamFreed(ILogger logger, string streamId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "HLS: stream {StreamId} let {Segments} segments go early to stay under {MaxBytes} bytes")]
    public static partial void SegmentsEvicted(ILogger logger, string streamId, int segments, long maxBytes);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "HLS: reading {StreamId} ({Rendition}) failed")]
    public static partial void ReaderFailed(ILogger logger, string streamId, string rendition, Exception exception);
}
