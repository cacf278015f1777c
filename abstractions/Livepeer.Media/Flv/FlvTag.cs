namespace Livepeer.Media.Flv;

/// <summary>One FLV tag (FLV spec v10, E.4.1 FLVTAG): its type, 32-bit millisecond timestamp and body.</summary>
/// <param name="Type">The tag type.</param>
/// <param name="Timestamp">Milliseconds; the FLV file form stores 24 bits plus an extension byte.</param>
/// <param name="Data">The body (<see cref="FlvVideoData"/>, <see cref="FlvAudioData"/> or <see cref="FlvScriptData"/>).</param>
public sealed record FlvTag(FlvTagType Type, uint Timestamp, ReadOnlyMemory<byte> Data)
{
    /// <summary>The tag header's length in a file.</summary>
    public const int HeaderLength = 11;

    /// <summary>The largest body a tag can carry (DataSize is 24 bits).</summary>
    public const int MaxDataLength = 0xFFFFFF;
}
