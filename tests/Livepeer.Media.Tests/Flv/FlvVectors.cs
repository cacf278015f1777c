using Livepeer.Media.Flv;

namespace Livepeer.Media.Tests.Flv;

/// <summary>FLV tag bodies (FLV spec v10, E.4.2.1 and E.4.3.1) with their parsed form; shared by round-trip and fuzz tests.</summary>
public static class FlvVectors
{
    /// <summary>Video tag bodies.</summary>
    public static IReadOnlyList<(string Name, string Hex, FlvVideoData Value)> Video { get; } =
    [
        ("avc sequence header", "1700000000014D401FFFE1", new FlvVideoData(FlvVideoFrameType.Keyframe, FlvVideoCodec.Avc, new byte[] { 0x01, 0x4D, 0x40, 0x1F, 0xFF, 0xE1 }) { PacketType = AvcPacketType.SequenceHeader }),
        ("avc keyframe nalu", "17010000000000000265", new FlvVideoData(FlvVideoFrameType.Keyframe, FlvVideoCodec.Avc, new byte[] { 0, 0, 0, 2, 0x65 }) { PacketType = AvcPacketType.Nalu }),
        ("avc inter frame cts 80", "27010000500000000141", new FlvVideoData(FlvVideoFrameType.InterFrame, FlvVideoCodec.Avc, new byte[] { 0, 0, 0, 1, 0x41 }) { CompositionTime = 80 }),
        ("avc negative cts", "2701FFFFD6", new FlvVideoData(FlvVideoFrameType.InterFrame, FlvVideoCodec.Avc, Array.Empty<byte>()) { CompositionTime = -42 }),
        ("avc end of sequence", "1702000000", new FlvVideoData(FlvVideoFrameType.Keyframe, FlvVideoCodec.Avc, Array.Empty<byte>()) { PacketType = AvcPacketType.EndOfSequence }),
        ("h263 frame", "22AABB", new FlvVideoData(FlvVideoFrameType.InterFrame, FlvVideoCodec.SorensonH263, new byte[] { 0xAA, 0xBB })),
    ];

    /// <summary>Audio tag bodies.</summary>
    public static IReadOnlyList<(string Name, string Hex, FlvAudioData Value)> Audio { get; } =
    [
        ("aac sequence header", "AF001210", new FlvAudioData(FlvSoundFormat.Aac, new byte[] { 0x12, 0x10 }) { PacketType = AacPacketType.SequenceHeader }),
        ("aac raw", "AF01211A", new FlvAudioData(FlvSoundFormat.Aac, new byte[] { 0x21, 0x1A })),
        ("mp3 mono 22k 8-bit", "28FF", new FlvAudioData(FlvSoundFormat.Mp3, new byte[] { 0xFF }) { SoundRate = 2, Is16Bit = false, IsStereo = false }),
    ];

    /// <summary>Bodies both parsers must refuse.</summary>
    public static IReadOnlyList<(string Name, FlvTagType Type, string Hex)> Invalid { get; } =
    [
        ("empty video", FlvTagType.Video, ""),
        ("short avc", FlvTagType.Video, "170100"),
        ("unknown avc packet type", FlvTagType.Video, "1705000000"),
        ("empty audio", FlvTagType.Audio, ""),
        ("aac without packet type", FlvTagType.Audio, "AF"),
        ("unknown aac packet type", FlvTagType.Audio, "AF07"),
        ("script not starting with a string", FlvTagType.ScriptData, "05"),
        ("script garbage", FlvTagType.ScriptData, "02FFFF"),
    ];

    /// <summary>A small FLV file: header, a script tag, a video and an audio tag, with an extended timestamp.</summary>
    public static string File { get; } =
        "464C5601050000000900000000" +
        "120000110000000000000002000A6F6E4D65746144617461030000090000001C" +
        "0900000500000000000000170000000000000010" +
        "0800000412345601000000AF01211A0000000F";
}
