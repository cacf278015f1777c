using Livepeer.Media;
using Livepeer.Media.Amf;

namespace Livepeer.Plugins.Rtmp.Protocol;

/// <summary>
/// An AMF0 command message (Adobe RTMP spec 1.0, §7.1.1 and §7.2): name, transaction id, command object and
/// optional arguments. AMF3 command messages (type 17) carry AMF0 after a format byte and are read the same way.
/// </summary>
internal sealed record RtmpCommand(string Name, double TransactionId, object? CommandObject, IReadOnlyList<object?> Arguments)
{
    /// <summary>Limits for commands from the network: commands are small.</summary>
    public static Amf0Limits Limits { get; } = new() { MaxDepth = 8, MaxValues = 1024 };

    /// <summary>The argument at <paramref name="index"/> as a string, or null.</summary>
    public string? StringArgument(int index) => index < Arguments.Count ? Arguments[index] as string : null;

    /// <summary>Decodes a command message.</summary>
    /// <exception cref="RtmpProtocolException">The payload is not AMF0 or does not start with a name and a transaction id.</exception>
    public static RtmpCommand Parse(RtmpMessage message)
    {
        var payload = message.Payload.Span;
        if (message.Type == RtmpMessageType.CommandAmf3 && !payload.IsEmpty)
        {
            payload = payload[1..];
        }

        IReadOnlyList<object?> values;
        try
        {
            values = Amf0Reader.ReadAll(payload, Limits);
        }
        catch (MediaFormatException e)
        {
            throw new RtmpProtocolException($"Command: invalid AMF0 ({e.Message})", e);
        }

        if (values.Count < 2 || values[0] is not string name || values[1] is not double transaction)
        {
            throw new RtmpProtocolException("Command: does not start with a name and a transaction id.");
        }

        return new RtmpCommand(name, transaction, values.Count > 2 ? values[2] : null, [.. values.Skip(3)]);
    }

    /// <summary>Encodes the command for message stream <paramref name="streamId"/>.</summary>
    public RtmpMessage ToMessage(uint streamId)
    {
        var all = new object?[3 + Arguments.Count];
        all[0] = Name;
        all[1] = TransactionId;
        all[2] = CommandObject;
        for (var i = 0; i < Arguments.Count; i++)
        {
            all[3 + i] = Arguments[i];
        }

        return new RtmpMessage(RtmpMessageType.CommandAmf0, 0, streamId, Amf0Writer.Encode(all)) { ChunkStreamId = ChunkStreams.Command };
    }

    /// <summary>§7.2.2: an onStatus event on a message stream.</summary>
    public static RtmpCommand OnStatus(string level, string code, string description) =>
        new("onStatus", 0, null, [new AmfObject().Add("level", level).Add("code", code).Add("description", description)]);
}
