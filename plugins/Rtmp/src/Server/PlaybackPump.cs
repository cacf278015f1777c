using Livepeer.Abstractions.Media;
using Livepeer.Media;
using Livepeer.Media.Flv;
using Livepeer.Plugins.Rtmp.Media;
using Livepeer.Plugins.Rtmp.Protocol;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>
/// Sends a hub subscription to an RTMP peer as audio/video messages on one message stream: used by server-side
/// playback and by the push-out client, so both share one TS → FLV path.
/// </summary>
internal static class PlaybackPump
{
    /// <summary>Runs until the stream ends, the peer fails or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(IStreamSubscription subscription, RtmpConnection connection, uint streamId, ILogger logger, CancellationToken cancellationToken)
    {
        var converter = new TsToFlv();
        await foreach (var segment in subscription.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<FlvMediaTag> tags;
            try
            {
                tags = converter.Convert(segment.Data.Span);
            }
            catch (MediaFormatException e)
            {
                RtmpLog.PlayoutSkipped(logger, segment.StreamId, e.Message);
                continue;
            }

            await connection.SendAsync(tags.Select(t => ToMessage(t, streamId)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An FLV body as an RTMP message on <paramref name="streamId"/>.</summary>
    public static RtmpMessage ToMessage(FlvMediaTag tag, uint streamId) => tag.Type == FlvTagType.Video
        ? new RtmpMessage(RtmpMessageType.Video, tag.Timestamp, streamId, tag.Body) { ChunkStreamId = ChunkStreams.Video }
        : new RtmpMessage(RtmpMessageType.Audio, tag.Timestamp, streamId, tag.Body) { ChunkStreamId = ChunkStreams.Audio };
}
