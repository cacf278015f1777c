namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>
/// What the WHIP/WHEP session layer needs from the lower layers (SDP, ICE-lite, DTLS-SRTP, RTP and the media
/// converters): answer an offer with a connected peer. The session layer owns HTTP, lifetimes, limits, timeouts,
/// statistics and the hub; the stack owns everything on the wire.
/// </summary>
internal interface IWebRtcStack
{
    /// <summary>Answers a WHIP offer: a peer that receives H.264 (and Opus when offered).</summary>
    /// <exception cref="OfferRejectedException">The offer is malformed or has no usable H.264 video.</exception>
    IWhipPeer AcceptPublisher(string offerSdp);

    /// <summary>Answers a WHEP offer for a stream with the given tracks: a peer that sends them.</summary>
    /// <exception cref="OfferRejectedException">The offer is malformed or accepts none of the stream's tracks.</exception>
    IWhepPeer AcceptViewer(string offerSdp, bool streamHasVideo, bool streamHasAudio);
}
