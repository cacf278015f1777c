using System.Buffers.Binary;

namespace Livepeer.Plugins.Rtmp.Protocol;

/// <summary>Builds protocol control and user control messages (Adobe RTMP spec 1.0, §5.4 and §7.1.7), all on chunk stream 2, message stream 0.</summary>
internal static class ControlMessages
{
    /// <summary>§5.4.1 Set Chunk Size: 31 bits, the top bit 0.</summary>
    public static RtmpMessage SetChunkSize(int size) => UInt32(RtmpMessageType.SetChunkSize, (uint)size & 0x7FFFFFFF);

    /// <summary>§5.4.3 Acknowledgement: the bytes received so far.</summary>
    public static RtmpMessage Acknowledgement(uint sequence) => UInt32(RtmpMessageType.Acknowledgement, sequence);

    /// <summary>§5.4.4 Window Acknowledgement Size.</summary>
    public static RtmpMessage WindowAcknowledgementSize(uint size) => UInt32(RtmpMessageType.WindowAcknowledgementSize, size);

    /// <summary>§5.4.5 Set Peer Bandwidth; limit type 2 is dynamic.</summary>
    public static RtmpMessage SetPeerBandwidth(uint size, byte limitType = 2)
    {
        var payload = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(payload, size);
        payload[4] = limitType;
        return Control(RtmpMessageType.SetPeerBandwidth, payload);
    }

    /// <summary>§7.1.7 User Control: an event type and a 4-byte value (stream id or timestamp).</summary>
    public static RtmpMessage UserControl(UserControlEvent type, uint value)
    {
        var payload = new byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)type);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(2), value);
        return Control(RtmpMessageType.UserControl, payload);
    }

    /// <summary>Reads the 4-byte big-endian value of a control message.</summary>
    /// <exception cref="RtmpProtocolException">The payload is shorter than 4 bytes.</exception>
    public static uint ReadUInt32(RtmpMessage message, int offset = 0) =>
        message.Payload.Length >= offset + 4
            ? BinaryPrimitives.ReadUInt32BigEndian(message.Payload.Span[offset..])
            : throw new RtmpProtocolException($"{message.Type}: {message.Payload.Length} bytes is too short.");

    private static RtmpMessage UInt32(RtmpMessageType type, uint value)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, value);
        return Control(type, payload);
    }

    private static RtmpMessage Control(RtmpMessageType type, byte[] payload) =>
        new(type, 0, 0, payload) { ChunkStreamId = ChunkStreams.Control };
}
