namespace Livepeer.Plugins.Rtmp.Protocol;

/// <summary>RTMP message type ids (Adobe RTMP spec 1.0, §5.4 protocol control, §6.2 user control, §7.1 message types).</summary>
internal enum RtmpMessageType : byte
{
    SetChunkSize = 1,
    Abort = 2,
    Acknowledgement = 3,
    UserControl = 4,
    WindowAcknowledgementSize = 5,
    SetPeerBandwidth = 6,
    Audio = 8,
    Video = 9,
    DataAmf3 = 15,
    SharedObjectAmf3 = 16,
    CommandAmf3 = 17,
    DataAmf0 = 18,
    SharedObjectAmf0 = 19,
    CommandAmf0 = 20,
    Aggregate = 22,
}

/// <summary>User control event types (Adobe RTMP spec 1.0, §7.1.7).</summary>
internal enum UserControlEvent : ushort
{
    StreamBegin = 0,
    StreamEof = 1,
    StreamDry = 2,
    SetBufferLength = 3,
    StreamIsRecorded = 4,
    PingRequest = 6,
    PingResponse = 7,
}

/// <summary>The chunk stream ids this implementation sends on (any id is accepted on receipt).</summary>
internal static class ChunkStreams
{
    /// <summary>§5.4: protocol control messages use chunk stream id 2.</summary>
    public const uint Control = 2;

    public const uint Command = 3;

    public const uint Data = 5;

    public const uint Audio = 6;

    public const uint Video = 7;
}
