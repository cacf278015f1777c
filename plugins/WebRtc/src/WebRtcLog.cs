using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.WebRtc;

/// <summary>The session layer's log messages (event ids 4300–4349).</summary>
internal static partial class WebRtcLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "{Protocol} session {Id} started for stream {Stream}")]
    public static partial void SessionStarted(ILogger logger, string protocol, string stream, string id);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "{Protocol} session {Id} of stream {Stream} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, string protocol, string stream, string id, string reason);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "{Protocol} offer for stream {Stream} refused: {Reason}")]
    public static partial void OfferRejected(ILogger logger, string protocol, string stream, string reason);
}
