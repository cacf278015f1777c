using Livepeer.Media;
using Livepeer.Media.MpegTs;
using Livepeer.Plugins.WebRtc.Rtp;

namespace Livepeer.Plugins.WebRtc.Media;

/// <summary>
/// WHEP egress media path (protocols §7.1): MPEG-TS bytes → Livepeer.Media's <see cref="TsDemuxer"/> (tracks from the
/// PMT, no probing) → RTP. Video: H.264 access units from the first IDR, packetized by <see cref="H264Packetizer"/>,
/// every packet stamped with the PES PTS (90 kHz, unwrapped past 33 bits). Audio: each Opus packet of a PES becomes one
/// RTP packet stamped PTS × 48000 / 90000 (integer arithmetic) plus the durations of the packets before it in the PES.
/// AAC (and any other audio) cannot be sent over WebRTC and is dropped and counted.
/// <para>
/// Source changes (an orchestrator swap, a restarted runner) do not renegotiate: SSRCs and sequence numbers continue,
/// and timestamps are rebased so the first frame of the new source follows the last one sent. A change is either
/// announced with <see cref="StartNewSource"/> (a fresh demuxer, then wait for an IDR) or detected as a PTS jump larger
/// than <see cref="TsToRtpOptions.MaxTimestampJump"/>. Not thread-safe: feed it from one reader loop.
/// </para>
/// </summary>
public sealed class TsToRtpPacketizer
{
    private const long DefaultFrameDuration = 3000; // 90 kHz ticks at 30 fps, used until a frame interval is known

    private readonly TsToRtpOptions _options;
    private readonly H264Packetizer _h264;
    private readonly List<byte[]> _payloads = [];
    private readonly long _maxJump;
    private TsDemuxer _demuxer;
    private bool _videoStarted;
    private bool _rebasePending;
    private bool _hasOffset;
    private long _offset;
    private long _lastOutput = long.MinValue;
    private long _lastVideoPts = long.MinValue;
    private long _frameDuration = DefaultFrameDuration;

    /// <summary>Creates the packetizer for the negotiated streams.</summary>
    public TsToRtpPacketizer(TsToRtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _h264 = new H264Packetizer(options.MaxPayloadSize);
        _maxJump = (long)(options.MaxTimestampJump.TotalSeconds * TsPacket.ClockRate);
        _demuxer = NewDemuxer();
    }

    /// <summary>Raised for every RTP packet to send, in order per stream.</summary>
    public event Action<RtpTrackKind, RtpPacket>? PacketReady;

    /// <summary>Raised when a PMT is seen (first time or new version): the stream's track list.</summary>
    public event Action<IReadOnlyList<TsTrack>>? TracksChanged;

    /// <summary>The tracks of the current PMT (empty until seen).</summary>
    public IReadOnlyList<TsTrack> Tracks => _demuxer.Tracks;

    /// <summary>Video access units dropped while waiting for an IDR (start, source change).</summary>
    public long SkippedVideoFrames { get; private set; }

    /// <summary>Audio frames dropped: AAC or other codecs WebRTC cannot carry, or audio that was not negotiated.</summary>
    public long DroppedAudioFrames { get; private set; }

    /// <summary>Source changes handled (announced or detected).</summary>
    public long Rebases { get; private set; }

    /// <summary>MPEG-TS errors seen (malformed packets are skipped; the stream goes on).</summary>
    public long TsErrors { get; private set; }

    /// <summary>Feeds MPEG-TS bytes (any chunking, may start mid-packet: the demuxer resynchronises on 0x47).</summary>
    public void Push(ReadOnlySpan<byte> ts)
    {
        try
        {
            _demuxer.Push(ts);
        }
        catch (MediaFormatException)
        {
            TsErrors++;
        }
    }

    /// <summary>Flushes the PES packets still being assembled (end of stream).</summary>
    public void Flush()
    {
        try
        {
            _demuxer.Flush();
        }
        catch (MediaFormatException)
        {
            TsErrors++;
        }
    }

    /// <summary>
    /// The upstream source changes (same codec parameters): forget the old byte stream, wait for an IDR of the new one,
    /// and rebase its timestamps after the last ones sent. SSRC and sequence numbers continue.
    /// </summary>
    public void StartNewSource()
    {
        Flush();
        _demuxer = NewDemuxer();
        _videoStarted = false;
        _rebasePending = true;
    }

    private TsDemuxer NewDemuxer()
    {
        var demuxer = new TsDemuxer();
        demuxer.TracksChanged += tracks => TracksChanged?.Invoke(tracks);
        demuxer.FrameReceived += OnFrame;
        return demuxer;
    }

    private void OnFrame(TsFrame frame)
    {
        if (!frame.HasTimestamp)
        {
            return;
        }

        var track = frame.Track;
        if (track.Codec == TsCodec.H264)
        {
            if (_options.Video is null)
            {
                return;
            }

            if (!_videoStarted && !frame.IsKeyframe)
            {
                SkippedVideoFrames++;
                return;
            }

            _videoStarted = true;
            var output = Rebase(frame.Pts);
            if (_lastVideoPts != long.MinValue && output > _lastVideoPts && output - _lastVideoPts < TsPacket.ClockRate)
            {
                _frameDuration = output - _lastVideoPts;
            }

            _lastVideoPts = output;
            SendVideo(frame.Data.Span, (uint)output);
        }
        else if (track.Codec == TsCodec.Opus && _options.Audio is not null)
        {
            SendOpus(frame.Data.Span, Rebase(frame.Pts));
        }
        else if (track.IsAudio)
        {
            DroppedAudioFrames++;
        }
    }

    /// <summary>Maps a source PTS to the output timeline, rebasing on an announced or detected source change.</summary>
    private long Rebase(long pts)
    {
        if (!_hasOffset)
        {
            _hasOffset = true;
            _offset = 0; // the first source keeps its own PTS, as upstream (RTP timestamp = PTS)
        }
        else if (_rebasePending || Math.Abs(pts + _offset - _lastOutput) > _maxJump)
        {
            _offset = _lastOutput + _frameDuration - pts;
            Rebases++;
        }

        _rebasePending = false;
        var output = pts + _offset;
        if (output > _lastOutput)
        {
            _lastOutput = output;
        }

        return output;
    }

    private void SendVideo(ReadOnlySpan<byte> annexB, uint timestamp)
    {
        _payloads.Clear();
        _h264.Packetize(annexB, _payloads);
        var writer = _options.Video!;
        for (var i = 0; i < _payloads.Count; i++)
        {
            PacketReady?.Invoke(RtpTrackKind.Video, writer.Next(_payloads[i], timestamp, i == _payloads.Count - 1));
        }
    }

    private void SendOpus(ReadOnlySpan<byte> pes, long pts90k)
    {
        var writer = _options.Audio!;
        var samples = MultiplyDivide(pts90k, OpusPacket.ClockRate, TsPacket.ClockRate);
        try
        {
            foreach (var packet in OpusInTs.EnumeratePackets(pes))
            {
                PacketReady?.Invoke(RtpTrackKind.Audio, writer.Next(packet.ToArray(), (uint)samples, false));
                samples += OpusPacket.GetDuration(packet);
            }
        }
        catch (MediaFormatException)
        {
            TsErrors++;
        }
    }

    // upstream's multiplyAndDivide: (v / d) × m + (v % d) × m / d, exact for non-negative v without overflow.
    private static long MultiplyDivide(long v, long m, long d) => v < 0 ? -MultiplyDivide(-v, m, d) : ((v / d) * m) + ((v % d) * m / d);
}
