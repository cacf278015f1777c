using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Livepeer.Abstractions.Media;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Segmenting;
using Livepeer.Plugins.WebRtc.Sessions;
using Livepeer.Testing;

namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>
/// A stand-in for the SDP/ICE/DTLS/RTP stack, for the HTTP and session-lifetime tests: it refuses offers without
/// H.264 as the real one does, hands out peers the test drives (connect, packets, close), and segments by counting
/// video packets (every <see cref="PacketsPerSegment"/> make one of the ffmpeg fixture segments).
/// </summary>
internal sealed class FakeStack : IWebRtcStack
{
    public const int PacketsPerSegment = 10;

    public ConcurrentQueue<FakeWhipPeer> Publishers { get; } = new();

    public ConcurrentQueue<FakeWhepPeer> Viewers { get; } = new();

    public bool ConnectAtOnce { get; set; } = true;

    /// <summary>The newest offer handed to the stack.</summary>
    public string? LastOffer { get; private set; }

    public IWhipPeer AcceptPublisher(string offerSdp)
    {
        LastOffer = offerSdp;
        if (!offerSdp.Contains("H264", StringComparison.OrdinalIgnoreCase))
        {
            throw new OfferRejectedException("the offer has no H.264 video");
        }

        var peer = new FakeWhipPeer(offerSdp.Contains("opus", StringComparison.OrdinalIgnoreCase));
        if (ConnectAtOnce)
        {
            peer.Connect();
        }

        Publishers.Enqueue(peer);
        return peer;
    }

    public IWhepPeer AcceptViewer(string offerSdp, bool streamHasVideo, bool streamHasAudio)
    {
        if (!offerSdp.Contains("H264", StringComparison.OrdinalIgnoreCase))
        {
            throw new OfferRejectedException("the offer takes no H.264 video");
        }

        var peer = new FakeWhepPeer(streamHasVideo, streamHasAudio);
        if (ConnectAtOnce)
        {
            peer.Connect();
        }

        Viewers.Enqueue(peer);
        return peer;
    }

    /// <summary>A minimal RTP packet (RFC 3550 §5.1) with the given sequence number and timestamp.</summary>
    public static byte[] Rtp(ushort sequence, uint timestamp, int payload = 100, bool marker = false)
    {
        var packet = new byte[12 + payload];
        packet[0] = 0x80;
        packet[1] = (byte)((marker ? 0x80 : 0) | 102);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x1234);
        return packet;
    }
}

internal abstract class FakePeer : IRtcPeer
{
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string AnswerSdp { get; } = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    public Task Connected => _connected.Task;

    public Task Closed => _closed.Task;

    public bool Disposed { get; private set; }

    public (long Received, long Sent) Bytes => (0, 0);

    public void Connect() => _connected.TrySetResult();

    /// <summary>The peer goes away (consent expired, DTLS close).</summary>
    public virtual void Close() => _closed.TrySetResult();

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        Close();
        return ValueTask.CompletedTask;
    }
}

internal sealed class FakeWhipPeer(bool hasAudio) : FakePeer, IWhipPeer
{
    private readonly Channel<ReceivedRtp> _media = Channel.CreateUnbounded<ReceivedRtp>();
    private readonly TrackReceiveCounter _video = new(90_000, TimeProvider.System);
    private readonly TrackReceiveCounter _audio = new(48_000, TimeProvider.System);

    public bool HasAudio => hasAudio;

    public ChannelReader<ReceivedRtp> Media => _media.Reader;

    public bool? SegmenterWithAudio { get; private set; }

    public IngestFeedbackStatus Feedback { get; } = new(0, 0, 0);

    public int ClockRate(TrackKind kind) => kind == TrackKind.Video ? 90_000 : 48_000;

    public IIngestSegmenter CreateSegmenter(bool withAudio)
    {
        SegmenterWithAudio = withAudio;
        return new CountingSegmenter();
    }

    public TrackReceiveStatus? ReceiveStatus(TrackKind kind) => kind == TrackKind.Video ? _video.Snapshot() : hasAudio ? _audio.Snapshot() : null;

    /// <summary>A packet arrives: counted as the real peer counts it, then handed to the session.</summary>
    public void Send(TrackKind kind, byte[] packet)
    {
        (kind == TrackKind.Video ? _video : _audio).OnDatagram(packet);
        _media.Writer.TryWrite(new ReceivedRtp(kind, packet));
    }

    public override void Close()
    {
        _media.Writer.TryComplete();
        base.Close();
    }

    private sealed class CountingSegmenter : IIngestSegmenter
    {
        private readonly List<TsSegment> _completed = [];
        private int _videoPackets;
        private long _sequence;

        public IReadOnlyList<TrackInfo> Tracks { get; private set; } = [];

        public void Push(TrackKind kind, ReadOnlySpan<byte> rtpPacket)
        {
            if (kind == TrackKind.Video && ++_videoPackets % FakeStack.PacketsPerSegment == 0)
            {
                Tracks = [new TrackInfo(256, TrackKind.Video, "h264")];
                var data = FfmpegSegments.All[(int)(_sequence % 3)];
                _completed.Add(new TsSegment(data, _sequence, _sequence * 180_000, TimeSpan.FromSeconds(2), true));
                _sequence++;
            }
        }

        public IReadOnlyList<TsSegment> TakeCompleted()
        {
            var result = _completed.ToList();
            _completed.Clear();
            return result;
        }

        public void Complete()
        {
        }
    }
}

internal sealed class FakeWhepPeer(bool video, bool audio) : FakePeer, IWhepPeer
{
    public bool SendsVideo => video;

    public bool SendsAudio => audio;

    /// <summary>What was sent: one "packet" per demuxed frame (the frame itself), H.264 and Opus only.</summary>
    public ConcurrentQueue<(OutgoingRtp Packet, bool Keyframe)> Sent { get; } = new();

    public int NewSources;

    public ViewerFeedbackStatus Feedback { get; } = new(0, 0, 0, 0, 0, null);

    public IReadOnlyList<OutgoingRtp> Packetize(ReadOnlyMemory<byte> segment)
    {
        var frames = new List<OutgoingRtp>();
        var demuxer = new TsDemuxer();
        demuxer.FrameReceived += f =>
        {
            if (f.Track.Codec is TsCodec.H264 or TsCodec.Opus)
            {
                frames.Add(new OutgoingRtp(f.Track.IsVideo ? TrackKind.Video : TrackKind.Audio, f.Dts, f.Data.ToArray(), f.IsKeyframe));
            }
        };
        demuxer.Push(segment.Span);
        demuxer.Flush();
        return frames;
    }

    public void StartNewSource() => Interlocked.Increment(ref NewSources);

    public ValueTask SendAsync(OutgoingRtp packet, CancellationToken cancellationToken)
    {
        Sent.Enqueue((packet, packet.StartsFrame));
        return ValueTask.CompletedTask;
    }
}
