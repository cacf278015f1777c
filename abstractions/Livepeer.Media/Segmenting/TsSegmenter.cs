using System.Buffers;
using Livepeer.Media.Aac;
using Livepeer.Media.H264;
using Livepeer.Media.MpegTs;

namespace Livepeer.Media.Segmenting;

/// <summary>
/// Cuts timestamped H.264 access units and audio frames into keyframe-aligned MPEG-TS segments, like go-livepeer's
/// RTP segmenter (protocols §7.3): every segment is a fresh mux (PAT/PMT first, continuity counters from 0) that
/// starts with an IDR; a segment ends at the first IDR at least <see cref="TsSegmenterOptions.TargetDuration"/> after
/// its start; audio before the first IDR is dropped; timestamps pass through unchanged, so they are continuous across
/// segments. An AUD is prepended to access units without one, and SPS/PPS from <see cref="SetVideoConfig"/> are
/// prepended to IDRs that lack them. Not thread-safe: call from one ingest loop.
/// </summary>
public sealed class TsSegmenter
{
    private static readonly byte[] Aud = [0x09, 0xF0];

    private readonly TsSegmenterOptions _options;
    private readonly long _target;
    private readonly ArrayBufferWriter<byte> _scratch = new(64 * 1024);
    private ArrayBufferWriter<byte>? _segment;
    private TsMuxer? _muxer;
    private TsTrack? _videoTrack;
    private TsTrack? _audioTrack;
    private byte[]? _parameterSets;
    private AudioSpecificConfig? _aacConfig;
    private long _sequence;
    private long _segmentStart;
    private bool _segmentStartsWithKeyframe;
    private long _lastTimestamp = long.MinValue;
    private long _lastFrameDuration;
    private int _segmentCapacity = 256 * 1024;

    /// <summary>Creates a segmenter; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public TsSegmenter(TsSegmenterOptions? options = null)
    {
        _options = options ?? new TsSegmenterOptions();
        _options.Validate();
        _target = (long)(_options.TargetDuration.TotalSeconds * TsPacket.ClockRate);
    }

    /// <summary>Raised with each finished segment (from inside a Write call or <see cref="Complete"/>).</summary>
    public event Action<TsSegment>? SegmentCompleted;

    /// <summary>Segments completed so far.</summary>
    public long SegmentCount => _sequence;

    /// <summary>Sets the SPS/PPS (from an RTMP/FLV sequence header) to put before IDR access units that lack them.</summary>
    public void SetVideoConfig(AvcDecoderConfigurationRecord config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _parameterSets = config.ToAnnexB();
    }

    /// <summary>Sets the AAC configuration; audio frames are then raw AAC (as in FLV) and get ADTS headers here.</summary>
    public void SetAudioConfig(AudioSpecificConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _aacConfig = config;
    }

    /// <summary>
    /// Writes one H.264 access unit in Annex B form (use <see cref="Avcc.ToAnnexB(ReadOnlySpan{byte}, int, IBufferWriter{byte})"/>
    /// for FLV). Timestamps are 90 kHz. <paramref name="isKeyframe"/> defaults to IDR detection.
    /// </summary>
    public void WriteVideo(ReadOnlySpan<byte> annexB, long pts, long dts, bool? isKeyframe = null)
    {
        if (!_options.HasVideo)
        {
            throw new InvalidOperationException("the segmenter was configured without video");
        }

        var keyframe = isKeyframe ?? AnnexB.ContainsIdr(annexB);
        if (_muxer is null && !keyframe)
        {
            return; // a segment must start with an IDR: drop leading non-IDR frames
        }

        if (_muxer is null || (keyframe && dts - _segmentStart >= _target))
        {
            StartSegment(dts, keyframe);
        }

        TrackDuration(dts);
        _scratch.ResetWrittenCount();
        var hasAud = false;
        var hasSps = false;
        foreach (var nal in AnnexB.EnumerateNalUnits(annexB))
        {
            var type = NalUnit.GetType(nal);
            hasAud |= type == NalUnitType.AccessUnitDelimiter;
            hasSps |= type == NalUnitType.Sps;
            break;
        }

        if (!hasAud)
        {
            AnnexB.Write(_scratch, Aud);
        }

        if (keyframe && _parameterSets is not null && !hasSps && !AnnexB.Contains(annexB, NalUnitType.Sps))
        {
            _scratch.Write(_parameterSets);
        }

        _scratch.Write(annexB);
        _muxer!.WriteFrame(_videoTrack!, pts, dts, _scratch.WrittenSpan, keyframe);
    }

    /// <summary>
    /// Writes one audio frame: an ADTS frame (or raw AAC after <see cref="SetAudioConfig"/>) or one Opus packet. Audio
    /// before the first video IDR is dropped.
    /// </summary>
    public void WriteAudio(ReadOnlySpan<byte> frame, long pts)
    {
        if (_audioTrack is null && _options.AudioCodec == TsCodec.Unknown)
        {
            throw new InvalidOperationException("the segmenter was configured without audio");
        }

        if (_options.HasVideo)
        {
            if (_muxer is null)
            {
                return;
            }
        }
        else if (_muxer is null || pts - _segmentStart >= _target)
        {
            StartSegment(pts, true);
        }

        if (!_options.HasVideo)
        {
            TrackDuration(pts);
        }

        ReadOnlySpan<byte> payload = frame;
        if (_options.AudioCodec == TsCodec.Opus)
        {
            _scratch.ResetWrittenCount();
            OpusInTs.Write(_scratch, frame);
            payload = _scratch.WrittenSpan;
        }
        else if (_aacConfig is not null)
        {
            _scratch.ResetWrittenCount();
            AdtsHeader.WriteFrame(_scratch, _aacConfig, frame);
            payload = _scratch.WrittenSpan;
        }

        _muxer!.WriteFrame(_audioTrack!, pts, pts, payload, true);
    }

    /// <summary>Finishes the segment in progress (end of stream) and raises <see cref="SegmentCompleted"/> for it.</summary>
    public void Complete()
    {
        if (_muxer is null)
        {
            return;
        }

        var end = _lastTimestamp + Math.Max(_lastFrameDuration, 0);
        FinishSegment(end);
    }

    private void TrackDuration(long timestamp)
    {
        if (_lastTimestamp != long.MinValue && timestamp > _lastTimestamp)
        {
            _lastFrameDuration = timestamp - _lastTimestamp;
        }

        _lastTimestamp = timestamp;
    }

    private void StartSegment(long start, bool keyframe)
    {
        if (_muxer is not null)
        {
            FinishSegment(start);
        }

        _segment = new ArrayBufferWriter<byte>(_segmentCapacity);
        _muxer = new TsMuxer(_segment, _options.Muxer);
        _videoTrack = _options.HasVideo ? _muxer.AddTrack(TsCodec.H264) : null;
        _audioTrack = _options.AudioCodec switch
        {
            TsCodec.Aac => _muxer.AddTrack(TsCodec.Aac),
            TsCodec.Opus => _muxer.AddTrack(TsCodec.Opus, _options.OpusChannels),
            _ => null,
        };
        _muxer.WriteTables();
        _segmentStart = start;
        _segmentStartsWithKeyframe = keyframe;
    }

    private void FinishSegment(long end)
    {
        var duration = TimeSpan.FromTicks(Math.Max(0, end - _segmentStart) * TimeSpan.TicksPerSecond / TsPacket.ClockRate);
        // The next segment's buffer is sized from this one (+1/8), so it rarely grows; this one's bytes are handed
        // over without a copy unless growing left more than a quarter unused.
        var written = _segment!.WrittenMemory;
        _segmentCapacity = Math.Max(64 * 1024, written.Length + (written.Length / 8));
        var data = _segment.Capacity - written.Length > written.Length / 4 ? written.ToArray() : written;
        var segment = new TsSegment(data, _sequence++, _segmentStart, duration, _segmentStartsWithKeyframe);
        _muxer = null;
        _segment = null;
        SegmentCompleted?.Invoke(segment);
    }
}
