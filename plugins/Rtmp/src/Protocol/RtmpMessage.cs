namespace Livepeer.Plugins.Rtmp.Protocol;

/// <summary>One RTMP message (Adobe RTMP spec 1.0, §6.1): type, 32-bit millisecond timestamp, message stream id and payload.</summary>
internal sealed record RtmpMessage(RtmpMessageType Type, uint Timestamp, uint StreamId, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The chunk stream the message arrived on (or is to be sent on).</summary>
    public uint ChunkStreamId { get; init; }
}
