using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Sessions;

namespace Livepeer.Plugins.WebRtc.Whip;

/// <summary>
/// One WHIP publish: waits for the transport, gathers the incoming tracks (video within
/// <see cref="WebRtcOptions.VideoGatherTimeout"/>, then audio within <see cref="WebRtcOptions.AudioGatherTimeout"/>
/// as upstream), then turns RTP into keyframe-aligned MPEG-TS segments published into the hub exactly as RTMP
/// publishes, until DELETE, the peer leaves, or the media stops.
/// </summary>
internal sealed class WhipSession : WebRtcSession
{
    private readonly IWhipPeer _peer;
    private readonly IStreamPublication _publication;
    private readonly WebRtcOptions _options;
    private readonly TimeProvider _time;
    private IIngestSegmenter? _segmenter;
    private long _segments;
    private string _state = "connecting";

    public WhipSession(string id, string stream, IWhipPeer peer, IStreamPublication publication, WebRtcOptions options, TimeProvider time)
        : base(id, stream, time.GetUtcNow())
    {
        _peer = peer;
        _publication = publication;
        _options = options;
        _time = time;
    }

    public override string Kind => "whip";

    public long SegmentsPublished => Interlocked.Read(ref _segments);

    public override WebRtcSessionStatus Status()
    {
        var (received, sent) = _peer.Bytes;
        var tracks = new Dictionary<string, TrackReceiveStatus>(StringComparer.Ordinal);
        foreach (var kind in (TrackKind[])[TrackKind.Video, TrackKind.Audio])
        {
            if (_peer.ReceiveStatus(kind) is { } track)
            {
                tracks[kind == TrackKind.Video ? "video" : "audio"] = track;
            }
        }

        return new WebRtcSessionStatus(Id, Kind, Stream, _state, StartedAt)
        {
            BytesReceived = received,
            BytesSent = sent,
            Tracks = tracks,
            Ingest = _peer.Feedback,
            Segments = SegmentsPublished,
            EndReason = EndReason,
        };
    }

    protected override async Task RunAsync()
    {
        var stopping = Stopping;
        if (!await ConnectAsync(_peer, _options.ConnectTimeout, _time).ConfigureAwait(false))
        {
            return;
        }

        _state = "gathering"; // the stack asks for keyframes meanwhile (PLI whenever none came for 2 s)
        var buffered = await GatherAsync(stopping).ConfigureAwait(false);
        if (!buffered.Exists(p => p.Kind == TrackKind.Video))
        {
            EndReason = "missing video";
            return;
        }

        var withAudio = buffered.Exists(p => p.Kind == TrackKind.Audio);
        _segmenter = _peer.CreateSegmenter(withAudio);
        _state = "publishing";
        foreach (var packet in buffered)
        {
            _segmenter.Push(packet.Kind, packet.Packet.Span);
        }

        await FlushAsync(stopping).ConfigureAwait(false);
        try
        {
            await foreach (var packet in _peer.Media.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                if (packet.Kind == TrackKind.Video || withAudio)
                {
                    _segmenter.Push(packet.Kind, packet.Packet.Span);
                }

                await FlushAsync(stopping).ConfigureAwait(false);
            }

            EndReason ??= "peer closed";
        }
        finally
        {
            _segmenter.Complete();
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    protected override async ValueTask ReleaseAsync()
    {
        _state = "ended";
        await _peer.DisposeAsync().ConfigureAwait(false);
        await _publication.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Reads until the first video packet (or the video timeout), then waits at most the audio timeout for audio
    /// when audio was negotiated; everything read is returned to be replayed.
    /// </summary>
    private async Task<List<ReceivedRtp>> GatherAsync(CancellationToken stopping)
    {
        var packets = new List<ReceivedRtp>();
        var sawVideo = false;
        var sawAudio = false;
        var deadline = _time.GetUtcNow() + _options.VideoGatherTimeout;
        while (!(sawVideo && (sawAudio || !_peer.HasAudio)))
        {
            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            using var timeout = new CancellationTokenSource(remaining, _time);
            using var read = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
            ReceivedRtp packet;
            try
            {
                packet = await _peer.Media.ReadAsync(read.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                break;
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                break;
            }

            packets.Add(packet);
            if (packet.Kind == TrackKind.Video && !sawVideo)
            {
                sawVideo = true;
                deadline = _time.GetUtcNow() + _options.AudioGatherTimeout;
            }

            sawAudio |= packet.Kind == TrackKind.Audio;
        }

        return packets;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var segmenter = _segmenter!;
        var segments = segmenter.TakeCompleted();
        if (segments.Count == 0)
        {
            return;
        }

        if (segmenter.Tracks.Count > 0 && !segmenter.Tracks.SequenceEqual(_publication.Descriptor.Tracks))
        {
            _publication.Update(_publication.Descriptor with { Tracks = segmenter.Tracks });
        }

        foreach (var segment in segments)
        {
            var media = new MediaSegment(_publication.Descriptor.StreamId, segment.Sequence, segment.Duration, segment.Data)
            {
                StartTime = segment.StartTime,
            };
            await _publication.WriteAsync(media, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _segments);
        }
    }
}
