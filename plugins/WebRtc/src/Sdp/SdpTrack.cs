namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>An accepted media section of a negotiated answer: which codec and payload type the session uses.</summary>
/// <param name="Mid">The section's mid.</param>
/// <param name="Kind"><c>audio</c> or <c>video</c>.</param>
/// <param name="Codec">The chosen payload format (the offer's payload type is kept).</param>
/// <param name="RemoteSsrcs">SSRCs the offer announced for the section (WHIP: what the client will send; may be empty).</param>
public sealed record SdpTrack(string Mid, string Kind, SdpCodec Codec, IReadOnlyList<uint> RemoteSsrcs)
{
    /// <summary>Whether this is the video section.</summary>
    public bool IsVideo => Kind == "video";

    /// <summary>H.264 packetization-mode (RFC 6184 §8.1; 0 when absent); 0 for audio.</summary>
    public int PacketizationMode => IsVideo && Codec.FmtpParameters.TryGetValue("packetization-mode", out var v) && v == "1" ? 1 : 0;

    /// <summary>Whether the peer takes generic NACK (RFC 4585 §6.2.1).</summary>
    public bool Nack => Codec.HasFeedback("nack");

    /// <summary>Whether the peer takes PLI (RFC 4585 §6.3.1).</summary>
    public bool Pli => Codec.HasFeedback("nack pli");

    /// <summary>Whether the peer takes FIR (RFC 5104 §4.3.1).</summary>
    public bool Fir => Codec.HasFeedback("ccm fir");
}
