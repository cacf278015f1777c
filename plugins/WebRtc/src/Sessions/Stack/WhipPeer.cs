using System.Threading.Channels;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Media;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Sdp;
using Livepeer.Plugins.WebRtc.Transport;

namespace Livepeer.Plugins.WebRtc.Sessions.Stack;

/// <summary>
/// A WHIP peer on a transport: decrypted RTP of the answer's payload types counted, reordered, NACKed and handed on in
/// order (<see cref="IngestFeedback"/>; unknown payload types dropped), the publisher's sender reports read, receiver
/// reports and keyframe requests sent from a 20 ms timer, and the RTP→MPEG-TS segmenter of the media layer.
/// </summary>
internal sealed class WhipPeer : TransportPeer, IWhipPeer
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider _time;
    private readonly IngestFeedback _feedback;
    private readonly Channel<ReceivedRtp> _media = Channel.CreateBounded<ReceivedRtp>(new BoundedChannelOptions(4096) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _deliverLock = new();
    private readonly Task _pump;
    private readonly Task _ticks;

    public WhipPeer(IWebRtcTransport transport, SdpAnswer answer, uint ourSsrc, TimeProvider time)
        : base(transport, answer)
    {
        _time = time;
        _feedback = new IngestFeedback(answer, ourSsrc, time);
        _pump = Task.Run(PumpAsync);
        _ticks = Task.Run(TickAsync);
    }

    public bool HasAudio => Answer.Audio is not null;

    public ChannelReader<ReceivedRtp> Media => _media.Reader;

    public IngestFeedbackStatus Feedback => new(_feedback.NacksSent, _feedback.KeyframeRequests, _feedback.Unrecovered);

    /// <summary>The receive loop and the RTCP timer; both end when the transport closes (leak accounting).</summary>
    internal Task Background => Task.WhenAll(_pump, _ticks);

    public int ClockRate(TrackKind kind) => kind == TrackKind.Video ? 90_000 : 48_000;

    public TrackReceiveStatus? ReceiveStatus(TrackKind kind) => _feedback.Counter(kind)?.Snapshot();

    public IIngestSegmenter CreateSegmenter(bool withAudio)
    {
        var segmenter = new RtpToTsSegmenter(new RtpToTsOptions { HasAudio = withAudio }, _time);
        segmenter.AccessUnitWritten += (_, keyframe) =>
        {
            if (keyframe)
            {
                _feedback.OnKeyframe();
            }
        };
        return new IngestSegmenter(segmenter, withAudio);
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _ticks.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        var ready = new List<ReceivedRtp>();
        try
        {
            await foreach (var packet in Transport.Received.ReadAllAsync().ConfigureAwait(false))
            {
                if (packet.IsRtcp)
                {
                    _feedback.OnRtcp(packet.Data);
                    continue;
                }

                lock (_deliverLock)
                {
                    _feedback.OnRtp(packet.Data, ready);
                    Deliver(ready);
                }
            }
        }
        finally
        {
            _media.Writer.TryComplete();
        }
    }

    // Releases held packets, sends NACKs, keyframe requests and receiver reports; ends with the peer.
    private async Task TickAsync()
    {
        var ready = new List<ReceivedRtp>();
        using var timer = new PeriodicTimer(TickInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false) && !Transport.Closed.IsCompleted)
            {
                byte[]? rtcp;
                lock (_deliverLock)
                {
                    rtcp = _feedback.Tick(ready);
                    Deliver(ready);
                }

                if (rtcp is not null && Transport.Connected.IsCompletedSuccessfully)
                {
                    await Transport.SendRtcpAsync(rtcp, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Deliver(List<ReceivedRtp> ready)
    {
        foreach (var packet in ready)
        {
            _media.Writer.TryWrite(packet);
        }

        ready.Clear();
    }

    /// <summary>The media layer's <see cref="RtpToTsSegmenter"/> behind the session layer's interface.</summary>
    private sealed class IngestSegmenter : IIngestSegmenter
    {
        private readonly RtpToTsSegmenter _segmenter;
        private readonly List<Livepeer.Media.Segmenting.TsSegment> _completed = [];

        public IngestSegmenter(RtpToTsSegmenter segmenter, bool withAudio)
        {
            _segmenter = segmenter;
            _segmenter.SegmentCompleted += _completed.Add;
            Tracks = withAudio
                ? [new TrackInfo(256, TrackKind.Video, "h264"), new TrackInfo(257, TrackKind.Audio, "opus") { SampleRate = 48_000, Channels = 2 }]
                : [new TrackInfo(256, TrackKind.Video, "h264")];
        }

        public IReadOnlyList<TrackInfo> Tracks { get; }

        public void Push(TrackKind kind, ReadOnlySpan<byte> rtpPacket)
        {
            if (!RtpPacket.TryParse(rtpPacket.ToArray(), out var packet, out _) || packet is null)
            {
                return;
            }

            try
            {
                if (kind == TrackKind.Video)
                {
                    _segmenter.PushVideo(packet);
                }
                else
                {
                    _segmenter.PushAudio(packet);
                }
            }
            catch (RtpFormatException)
            {
                // a damaged payload is dropped; the depacketizer waits for the next keyframe
            }
        }

        public IReadOnlyList<Livepeer.Media.Segmenting.TsSegment> TakeCompleted()
        {
            if (_completed.Count == 0)
            {
                return [];
            }

            var result = _completed.ToList();
            _completed.Clear();
            return result;
        }

        public void Complete() => _segmenter.Complete();
    }
}
