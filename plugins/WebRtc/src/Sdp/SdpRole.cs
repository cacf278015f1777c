namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>Which side of WHIP/WHEP the answer is for; decides the answered direction.</summary>
public enum SdpRole
{
    /// <summary>WHIP ingest (RFC 9725): the client sends, the answer says <c>recvonly</c>.</summary>
    Whip,

    /// <summary>WHEP playback: the client receives, the answer says <c>sendonly</c>.</summary>
    Whep,
}
