using System.Buffers.Binary;
using System.Threading.Channels;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Media;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Sdp;
using Livepeer.Plugins.WebRtc.Transport;

namespace Livepeer.Plugins.WebRtc.Sessions.Stack;

/// <summary>
/// A WHIP peer on a transport: decrypted RTP classified by the answer's payload types (RTCP and unknown payload types
/// are dropped), the RTP→MPEG-TS segmenter of the media layer, and PLI for keyframe requests.
/// </summary>
internal sealed class WhipPeer : TransportPeer, IWhipPeer
{
    private readonly TimeProvider _time;
    private readonly Channel<ReceivedRtp> _media = Channel.CreateBounded<ReceivedRtp>(new BoundedChannelOptions(4096) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Task _pump;
    private uint _videoSsrc;

    public WhipPeer(IWebRtcTransport transport, SdpAnswer answer, TimeProvider time)
        : base(transport, answer)
    {
        _time = time;
        _pump = Task.Run(PumpAsync);
    }

    public bool HasAudio => Answer.Audio is not null;

    public ChannelReader<ReceivedRtp> Media => _media.Reader;

    public int ClockRate(TrackKind kind) => kind == TrackKind.Video ? 90_000 : 48_000;

    public IIngestSegmenter CreateSegmenter(bool withAudio) => new IngestSegmenter(new RtpToTsSegmenter(new RtpToTsOptions { HasAudio = withAudio }, _time), withAudio);

    public async ValueTask<bool> RequestKeyframeAsync(CancellationToken cancellationToken)
    {
        if (_videoSsrc == 0 || Answer.Video is not { } video || !(video.Pli || video.Fir))
        {
            return false;
        }

        // RFC 4585 §6.3.1 PLI: V=2, FMT=1, PT=206 (PSFB), length 2, sender SSRC, media SSRC.
        var pli = new byte[12];
        pli[0] = 0x81;
        pli[1] = 206;
        BinaryPrimitives.WriteUInt16BigEndian(pli.AsSpan(2), 2);
        BinaryPrimitives.WriteUInt32BigEndian(pli.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32BigEndian(pli.AsSpan(8), _videoSsrc);
        return await Transport.SendRtcpAsync(pli, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        var videoPt = Answer.Video?.Codec.PayloadType ?? -1;
        var audioPt = Answer.Audio?.Codec.PayloadType ?? -1;
        try
        {
            await foreach (var packet in Transport.Received.ReadAllAsync().ConfigureAwait(false))
            {
                if (packet.IsRtcp || packet.Data.Length < RtpPacket.HeaderSize)
                {
                    continue;
                }

                var pt = packet.Data.Span[1] & 0x7F;
                if (pt == videoPt)
                {
                    _videoSsrc = BinaryPrimitives.ReadUInt32BigEndian(packet.Data.Span[8..]);
                    _media.Writer.TryWrite(new ReceivedRtp(TrackKind.Video, packet.Data));
                }
                else if (pt == audioPt)
                {
                    _media.Writer.TryWrite(new ReceivedRtp(TrackKind.Audio, packet.Data));
                }
            }
        }
        finally
        {
            _media.Writer.TryComplete();
        }
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
