using System.Buffers;
using Livepeer.Media;
using Livepeer.Media.Aac;
using Livepeer.Media.Flv;
using Livepeer.Media.H264;
using Livepeer.Media.MpegTs;

namespace Livepeer.Plugins.Rtmp.Media;

/// <summary>
/// Turns MPEG-TS segments from the hub back into FLV bodies for RTMP playback and push: H.264 access units
/// become AVCC NALU packets after an AVC sequence header built from the in-band SPS/PPS; ADTS frames become raw
/// AAC after an AudioSpecificConfig. Timestamps become milliseconds from the first frame seen. One instance per
/// outgoing stream, so its demuxer carries state across segments. Not thread-safe.
/// </summary>
internal sealed class TsToFlv
{
    private readonly TsDemuxer _demuxer = new();
    private readonly List<FlvMediaTag> _output = [];
    private readonly ArrayBufferWriter<byte> _avcc = new(64 * 1024);
    private byte[]? _sps;
    private byte[]? _pps;
    private bool _videoHeaderSent;
    private AudioSpecificConfig? _aac;
    private long? _origin;

    public TsToFlv()
    {
        _demuxer.FrameReceived += OnFrame;
    }

    /// <summary>Demuxes one segment and returns the FLV bodies it holds, in order.</summary>
    /// <exception cref="MediaFormatException">The segment is not valid MPEG-TS.</exception>
    public IReadOnlyList<FlvMediaTag> Convert(ReadOnlySpan<byte> segment)
    {
        _output.Clear();
        _demuxer.Push(segment);
        _demuxer.Flush();
        return [.. _output];
    }

    private void OnFrame(TsFrame frame)
    {
        _origin ??= frame.Dts;
        var timestamp = (uint)Math.Max(0, (frame.Dts - _origin.Value) / 90);
        if (frame.Track.Codec == TsCodec.H264)
        {
            OnVideo(frame, timestamp);
        }
        else if (frame.Track.Codec == TsCodec.Aac)
        {
            OnAudio(frame, timestamp);
        }
    }

    private void OnVideo(TsFrame frame, uint timestamp)
    {
        var keyframe = false;
        _avcc.ResetWrittenCount();
        foreach (var nal in AnnexB.EnumerateNalUnits(frame.Data.Span))
        {
            switch (NalUnit.GetType(nal))
            {
                case NalUnitType.Sps:
                    UpdateParameterSet(ref _sps, nal);
                    continue;
                case NalUnitType.Pps:
                    UpdateParameterSet(ref _pps, nal);
                    continue;
                case NalUnitType.AccessUnitDelimiter:
                    continue; // not carried in FLV
                case NalUnitType.IdrSlice:
                    keyframe = true;
                    break;
            }

            var length = _avcc.GetSpan(4);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, nal.Length);
            _avcc.Advance(4);
            _avcc.Write(nal);
        }

        if (!_videoHeaderSent)
        {
            if (_sps is null || _pps is null || !keyframe)
            {
                return; // players need the decoder configuration and a keyframe first
            }

            var config = AvcDecoderConfigurationRecord.FromParameterSets(_sps, _pps);
            _output.Add(new FlvMediaTag(FlvTagType.Video, timestamp, new FlvVideoData(FlvVideoFrameType.Keyframe, FlvVideoCodec.Avc, config.ToArray()) { PacketType = AvcPacketType.SequenceHeader }.ToArray()));
            _videoHeaderSent = true;
        }

        if (_avcc.WrittenCount == 0)
        {
            return;
        }

        var composition = (int)Math.Clamp((frame.Pts - frame.Dts) / 90, -0x800000, 0x7FFFFF);
        var body = new FlvVideoData(keyframe ? FlvVideoFrameType.Keyframe : FlvVideoFrameType.InterFrame, FlvVideoCodec.Avc, _avcc.WrittenSpan.ToArray()) { CompositionTime = composition };
        _output.Add(new FlvMediaTag(FlvTagType.Video, timestamp, body.ToArray()));
    }

    private void UpdateParameterSet(ref byte[]? current, ReadOnlySpan<byte> nal)
    {
        if (current is null || !nal.SequenceEqual(current))
        {
            current = nal.ToArray();
            _videoHeaderSent = false; // a new SPS/PPS needs a new sequence header
        }
    }

    private void OnAudio(TsFrame frame, uint timestamp)
    {
        var enumerator = new AdtsFrameEnumerator(frame.Data.Span);
        var i = 0;
        while (enumerator.MoveNext())
        {
            var config = enumerator.Header.ToAudioSpecificConfig();
            if (_aac is null || config != _aac)
            {
                _aac = config;
                _output.Add(new FlvMediaTag(FlvTagType.Audio, timestamp, new FlvAudioData(FlvSoundFormat.Aac, config.ToArray()) { PacketType = AacPacketType.SequenceHeader }.ToArray()));
            }

            // frames packed in one PES share its PTS; spread them by the AAC frame duration
            var offset = config.SampleRate > 0 ? (uint)(i * config.FrameLength * 1000L / config.SampleRate) : 0;
            _output.Add(new FlvMediaTag(FlvTagType.Audio, timestamp + offset, new FlvAudioData(FlvSoundFormat.Aac, enumerator.Payload.ToArray()).ToArray()));
            i++;
        }
    }
}
