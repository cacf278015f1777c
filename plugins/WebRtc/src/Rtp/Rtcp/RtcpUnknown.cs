namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>An RTCP packet this stack does not interpret (APP, XR, REMB, transport-cc, …), kept as bytes.</summary>
/// <param name="Type">The packet type.</param>
/// <param name="Count">The count/format field.</param>
/// <param name="Body">The body after the header.</param>
public sealed record RtcpUnknown(byte Type, int Count, ReadOnlyMemory<byte> Body) : RtcpPacket
{
    /// <inheritdoc />
    public override byte PacketType => Type;

    internal override int CountOrFormat => Count;

    internal override int BodySize => Body.Length;

    internal override void WriteBody(Span<byte> body) => Body.Span.CopyTo(body);
}
