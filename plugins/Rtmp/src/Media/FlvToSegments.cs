using System.Buffers;
using Livepeer.Abstractions.Media;
using Livepeer.Media;
using Livepeer.Media.Aac;
using Livepeer.Media.Amf;
using Livepeer.Media.Flv;
using Livepeer.Media.H264;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Segmenting;

namespace Livepeer.Plugins.Rtmp.Media;

/// <summary>
/// Turns the FLV audio/video bodies of one RTMP publish (H.264 + AAC) into keyframe-aligned MPEG-TS segments
/// through the shared <see cref="TsSegmenter"/>. RTMP timestamps are milliseconds; the segmenter's are 90 kHz.
/// The segmenter is created at the first keyframe (or the first audio frame of an audio-only stream) so the
/// tracks it muxes are the ones the sequence headers and metadata announced. Not thread-safe.
/// </summary>
internal sealed class FlvToSegments(TimeSpan targetDuration)
{
    private const int VideoPid = 256; // TsMuxerOptions.FirstElementaryPid: video is added first
    private readonly List<TsSegment> _completed = [];
    private readonly ArrayBufferWriter<byte> _annexB = new(64 * 1024);
    private TsSegmenter? _segmenter;
    private AvcDecoderConfigurationRecord? _avc;
    private AudioSpecificConfig? _aac;
    private bool _metadataVideo;
    private bool _metadataAudio;
    private bool _metadataSeen;

    /// <summary>The tracks known so far (from the sequence headers).</summary>
    public IReadOnlyList<TrackInfo> Tracks { get; private set; } = [];

    /// <summary>True when <see cref="Tracks"/> changed since the last call.</summary>
    public bool TracksChanged { get; private set; }

    /// <summary>Handles <c>@setDataFrame</c>/<c>onMetaData</c>: which tracks the encoder says it sends.</summary>
    public void OnMetadata(AmfObject metadata)
    {
        _metadataSeen = true;
        _metadataVideo = metadata.TryGetValue("videocodecid", out var v) && v is not null;
        _metadataAudio = metadata.TryGetValue("audiocodecid", out var a) && a is not null;
    }

    /// <summary>Handles one video message body.</summary>
    /// <exception cref="MediaFormatException">The body is malformed or not H.264.</exception>
    public void OnVideo(uint timestamp, ReadOnlyMemory<byte> body)
    {
        var video = FlvVideoData.Parse(body);
        if (video.Codec != FlvVideoCodec.Avc)
        {
            throw new MediaFormatException($"FLV video codec {video.Codec} is not supported (H.264 only, as go-livepeer).");
        }

        switch (video.PacketType)
        {
            case AvcPacketType.SequenceHeader:
                _avc = AvcDecoderConfigurationRecord.Parse(video.Payload.Span);
                _segmenter?.SetVideoConfig(_avc);
                UpdateTracks();
                return;
            case AvcPacketType.EndOfSequence:
                return;
        }

        if (_avc is null)
        {
            return; // §E.4.3.1: NAL units are meaningless before the decoder configuration record
        }

        if (_segmenter is null)
        {
            if (!video.IsKeyframe)
            {
                return;
            }

            CreateSegmenter(hasVideo: true);
        }

        _annexB.ResetWrittenCount();
        Avcc.ToAnnexB(video.Payload.Span, _avc.NalLengthSize, _annexB);
        var dts = (long)timestamp * 90;
        _segmenter!.WriteVideo(_annexB.WrittenSpan, dts + ((long)video.CompositionTime * 90), dts, video.IsKeyframe || AnnexB.ContainsIdr(_annexB.WrittenSpan));
    }

    /// <summary>Handles one audio message body.</summary>
    /// <exception cref="MediaFormatException">The body is malformed or not AAC.</exception>
    public void OnAudio(uint timestamp, ReadOnlyMemory<byte> body)
    {
        var audio = FlvAudioData.Parse(body);
        if (audio.Format != FlvSoundFormat.Aac)
        {
            throw new MediaFormatException($"FLV sound format {audio.Format} is not supported (AAC only).");
        }

        if (audio.PacketType == AacPacketType.SequenceHeader)
        {
            _aac = AudioSpecificConfig.Parse(audio.Payload.Span);
            _segmenter?.SetAudioConfig(_aac);
            UpdateTracks();
            return;
        }

        if (_aac is null)
        {
            return;
        }

        if (_segmenter is null)
        {
            if (_avc is not null || !_metadataSeen || _metadataVideo)
            {
                return; // video is coming: segments start at its first keyframe
            }

            CreateSegmenter(hasVideo: false);
        }

        _segmenter!.WriteAudio(audio.Payload.Span, (long)timestamp * 90);
    }

    /// <summary>Ends the stream: the segment in progress is completed.</summary>
    public void Complete() => _segmenter?.Complete();

    /// <summary>Returns and forgets the segments completed since the last call.</summary>
    public IReadOnlyList<TsSegment> TakeCompleted()
    {
        if (_completed.Count == 0)
        {
            return [];
        }

        var segments = _completed.ToArray();
        _completed.Clear();
        return segments;
    }

    private void CreateSegmenter(bool hasVideo)
    {
        var withAudio = _aac is not null || (_metadataAudio && hasVideo);
        _segmenter = new TsSegmenter(new TsSegmenterOptions
        {
            TargetDuration = targetDuration,
            HasVideo = hasVideo,
            AudioCodec = withAudio ? TsCodec.Aac : TsCodec.Unknown,
        });
        _segmenter.SegmentCompleted += _completed.Add;
        if (_avc is not null)
        {
            _segmenter.SetVideoConfig(_avc);
        }

        if (_aac is not null)
        {
            _segmenter.SetAudioConfig(_aac);
        }
    }

    private void UpdateTracks()
    {
        var tracks = new List<TrackInfo>();
        if (_avc is not null)
        {
            H264Sps? sps = null;
            try
            {
                sps = _avc.ParseSps();
            }
            catch (MediaFormatException)
            {
                // the resolution stays unknown; the stream still plays
            }

            tracks.Add(new TrackInfo(VideoPid, TrackKind.Video, "h264") { Width = sps?.Width ?? 0, Height = sps?.Height ?? 0 });
        }

        if (_aac is not null)
        {
            tracks.Add(new TrackInfo(_avc is null ? VideoPid : VideoPid + 1, TrackKind.Audio, "aac") { SampleRate = _aac.SampleRate, Channels = _aac.Channels });
        }

        Tracks = tracks;
        TracksChanged = true;
    }

    /// <summary>Clears <see cref="TracksChanged"/>.</summary>
    public void AcknowledgeTracks() => TracksChanged = false;
}
