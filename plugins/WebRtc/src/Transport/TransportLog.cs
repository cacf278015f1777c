using System.Net;
using Livepeer.Plugins.WebRtc.Srtp;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>The transport's log messages (event ids 7100–7119).</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "WebRTC transport to {Remote} connected ({Profile})")]
    public static partial void Connected(ILogger logger, IPEndPoint? remote, SrtpProfile profile);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "WebRTC transport to {Remote}: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, IPEndPoint? remote, string reason);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "WebRTC transport to {Remote} closed: {Reason}")]
    public static partial void Closed(ILogger logger, IPEndPoint? remote, WebRtcCloseReason reason);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "WebRTC UDP mux listening on {Address}")]
    public static partial void MuxListening(ILogger logger, IPEndPoint address);
}
