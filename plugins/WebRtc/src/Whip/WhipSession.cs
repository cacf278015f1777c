using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Sessions;

using Livepeer.Plugins.WebRtc.Rtp;

namespace Livepeer.Plugins.WebRtc.Whip;

/// <summary>
/// One WHIP publish: waits for the transport, gathers the incoming tracks (video within
/// <see cref="WebRtcOptions.VideoGatherTimeout"/>, then audio within <see cref="WebRtcOptions.AudioGatherTimeout"/>
/// as upstream), then turns RTP into keyframe-aligned MPEG-TS segments published into the hub exactly as RTMP
/// publishes, until DELETE, the peer leaves, or the media stops.
/// </summary>
internal sealed class WhipSession : WebRtcSession
{
    private static readonly TimeSpan KeyframeRequestInterval = TimeSpan.FromSeconds(2);

    private readonly IWhipPeer _peer;
    private readonly IStreamPublication _publication;
    private readonly WebRtcOptions _options;
    private readonly TimeProvider _time;
    private readonly RtpReceiveStatistics _video;
    private readonly RtpReceiveStatistics _audio;
    private readonly Lock _statsLock = new();
    private readonly BitrateWindow _videoRate;
    private readonly BitrateWindow _audioRate;
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
        _video = new RtpReceiveStatistics(0, peer.ClockRate(TrackKind.Video), time);
        _audio = new RtpReceiveStatistics(0, peer.ClockRate(TrackKind.Audio), time);
        _videoRate = new BitrateWindow(time);
        _audioRate = new BitrateWindow(time);
    }

    public override string Kind => "whip";

    public long SegmentsPublished => Interlocked.Read(ref _segments);

    public override WebRtcSessionStatus Status()
    {
        var (received, sent) = _peer.Bytes;
        lock (_statsLock)
        {
            var tracks = new Dictionary<string, TrackReceiveStatus>(StringComparer.Ordinal)
            {
                ["video"] = Track(_video, _videoRate),
            };
            if (_peer.HasAudio)
            {
                tracks["audio"] = Track(_audio, _audioRate);
            }

            return new WebRtcSessionStatus(Id, Kind, Stream, _state, StartedAt)
            {
                BytesReceived = received,
                BytesSent = sent,
                Tracks = tracks,
                Segments = SegmentsPublished,
                EndReason = EndReason,
            };
        }
    }

    protected override async Task RunAsync()
    {
        var stopping = Stopping;
        if (!await ConnectAsync(_peer, _options.ConnectTimeout, _time).ConfigureAwait(false))
        {
            return;
        }

        _state = "gathering";
        _ = RequestKeyframesAsync(stopping);
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
                Count(packet);
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

    private static TrackReceiveStatus Track(RtpReceiveStatistics stats, BitrateWindow rate) =>
        new(stats.Received, Math.Max(0, stats.CumulativeLost), stats.JitterSeconds, stats.Bytes, rate.BitsPerSecond, stats.LastPacketAt);

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

            Count(packet);
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

    private void Count(ReceivedRtp packet)
    {
        lock (_statsLock)
        {
            if (packet.Kind == TrackKind.Video)
            {
                _video.OnDatagram(packet.Packet.Span);
                _videoRate.Add(packet.Packet.Length);
            }
            else
            {
                _audio.OnDatagram(packet.Packet.Span);
                _audioRate.Add(packet.Packet.Length);
            }
        }
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

    /// <summary>Asks for a keyframe every 2 s until the first segment is out (upstream sends PLI every 2 s).</summary>
    private async Task RequestKeyframesAsync(CancellationToken stopping)
    {
        try
        {
            while (SegmentsPublished == 0 && !stopping.IsCancellationRequested)
            {
                await _peer.RequestKeyframeAsync(stopping).ConfigureAwait(false);
                await Task.Delay(KeyframeRequestInterval, _time, stopping).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // keyframe requests are best effort
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
