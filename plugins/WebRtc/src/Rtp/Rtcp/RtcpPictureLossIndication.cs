using System.Buffers.Binary;

namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>PLI (RFC 4585 §6.3.1): PSFB (PT 206) with FMT 1 and no FCI; asks the sender of <paramref name="MediaSsrc"/> for a keyframe.</summary>
/// <param name="SenderSsrc">Our SSRC (any of ours; 1 when we send nothing, as common practice).</param>
/// <param name="MediaSsrc">The video source that should send a keyframe.</param>
public sealed record RtcpPictureLossIndication(uint SenderSsrc, uint MediaSsrc) : RtcpPacket
{
    /// <inheritdoc />
    public override byte PacketType => 206;

    internal override int CountOrFormat => 1;

    internal override int BodySize => 8;

    internal override void WriteBody(Span<byte> body)
    {
        BinaryPrimitives.WriteUInt32BigEndian(body, SenderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(body[4..], MediaSsrc);
    }
}
