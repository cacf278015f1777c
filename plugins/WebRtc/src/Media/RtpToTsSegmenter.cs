using Livepeer.Media.MpegTs;
using Livepeer.Media.Segmenting;
using Livepeer.Plugins.WebRtc.Rtp;

namespace Livepeer.Plugins.WebRtc.Media;

/// <summary>
/// WHIP ingest media path (protocols §7.2 step 5, §7.3): H.264 RTP → access units (<see cref="H264Depacketizer"/>) and
/// Opus RTP → packets, on one wrap-safe 90 kHz timeline, into keyframe-aligned MPEG-TS segments by Livepeer.Media's
/// <see cref="TsSegmenter"/> (fresh PAT/PMT per segment, at least <see cref="RtpToTsOptions.MinSegmentDuration"/>,
/// audio dropped until the first IDR). Each track's RTP timestamps are unwrapped from its first packet; the tracks are
/// aligned by the arrival time of their first packets (as gortsplib's global decoder upstream). PTS = DTS (WebRTC
/// H.264 has no B-frames). Feed packets in sequence order (after an <see cref="RtpReorderBuffer"/>); not thread-safe.
/// </summary>
public sealed class RtpToTsSegmenter
{
    private readonly RtpToTsOptions _options;
    private readonly TimeProvider _time;
    private readonly TsSegmenter _segmenter;
    private readonly H264Depacketizer _depacketizer = new();
    private readonly RtpTimestampUnwrapper _videoClock = new();
    private readonly RtpTimestampUnwrapper _audioClock = new();
    private long _originTicks = -1;
    private long _videoOffset;
    private long _audioOffset;

    /// <summary>Creates the segmenter; <paramref name="time"/> timestamps packet arrival for track alignment.</summary>
    public RtpToTsSegmenter(RtpToTsOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _segmenter = new TsSegmenter(new TsSegmenterOptions
        {
            TargetDuration = options.MinSegmentDuration,
            HasVideo = true,
            AudioCodec = options.HasAudio ? TsCodec.Opus : TsCodec.Unknown,
            OpusChannels = options.OpusChannels,
        });
        _segmenter.SegmentCompleted += s => SegmentCompleted?.Invoke(s);
    }

    /// <summary>Raised with each finished segment (MPEG-TS bytes; map to a <c>MediaSegment</c> with its sequence and duration).</summary>
    public event Action<TsSegment>? SegmentCompleted;

    /// <summary>Raised with each access unit written (90 kHz PTS, keyframe flag), e.g. to stop PLIs after a keyframe.</summary>
    public event Action<long, bool>? AccessUnitWritten;

    /// <summary>The video depacketizer (its drop counters).</summary>
    public H264Depacketizer Depacketizer => _depacketizer;

    /// <summary>Access units written.</summary>
    public long AccessUnits { get; private set; }

    /// <summary>Keyframes (IDR access units) seen.</summary>
    public long Keyframes { get; private set; }

    /// <summary>Opus packets written (audio before the first IDR is dropped by the segmenter).</summary>
    public long AudioPackets { get; private set; }

    /// <summary>Segments completed.</summary>
    public long Segments => _segmenter.SegmentCount;

    /// <summary>Adds an H.264 RTP packet.</summary>
    public void PushVideo(RtpPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (!_videoClock.Started)
        {
            _videoOffset = ArrivalOffset();
        }

        var unwrapped = _videoClock.Unwrap(packet.Timestamp);
        foreach (var au in _depacketizer.Push(packet))
        {
            Write(au.Data.Span, au.IsKeyframe, AccessUnitTime(au.Pts, unwrapped, packet.Timestamp));
        }
    }

    /// <summary>Adds an Opus RTP packet (its payload is one Opus packet, RFC 7587 §4.2).</summary>
    public void PushAudio(RtpPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (!_options.HasAudio)
        {
            throw new InvalidOperationException("the segmenter was created without audio");
        }

        if (packet.Payload.IsEmpty)
        {
            return;
        }

        if (!_audioClock.Started)
        {
            _audioOffset = ArrivalOffset();
        }

        // 48 kHz → 90 kHz exactly: × 15 / 8.
        var pts = _options.StartTimestamp + _audioOffset + (_audioClock.Unwrap(packet.Timestamp) * 15 / 8);
        _segmenter.WriteAudio(packet.Payload.Span, pts);
        AudioPackets++;
    }

    /// <summary>Ends the stream: flushes the access unit in progress and the last segment.</summary>
    public void Complete()
    {
        if (_depacketizer.Flush() is { } au)
        {
            var unwrapped = _videoClock.Started ? _videoClock.Unwrap((uint)au.Pts) : 0;
            Write(au.Data.Span, au.IsKeyframe, _options.StartTimestamp + _videoOffset + unwrapped);
        }

        _segmenter.Complete();
    }

    private long AccessUnitTime(long auRtpTimestamp, long packetUnwrapped, uint packetTimestamp)
    {
        // The completed AU may be the previous one (timestamp change): unwrap it relative to this packet's timestamp.
        var delta = (int)((uint)auRtpTimestamp - packetTimestamp);
        return _options.StartTimestamp + _videoOffset + packetUnwrapped + delta;
    }

    private void Write(ReadOnlySpan<byte> annexB, bool keyframe, long pts)
    {
        AccessUnits++;
        if (keyframe)
        {
            Keyframes++;
        }

        _segmenter.WriteVideo(annexB, pts, pts, keyframe);
        AccessUnitWritten?.Invoke(pts, keyframe);
    }

    private long ArrivalOffset()
    {
        var now = _time.GetTimestamp();
        if (_originTicks < 0)
        {
            _originTicks = now;
            return 0;
        }

        return (long)(_time.GetElapsedTime(_originTicks, now).TotalSeconds * TsPacket.ClockRate);
    }
}
