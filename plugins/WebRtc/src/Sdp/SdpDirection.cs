namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>Media direction attribute (RFC 8866 §6.7); <see cref="SendRecv"/> when absent.</summary>
public enum SdpDirection
{
    /// <summary>a=sendrecv (the default).</summary>
    SendRecv,

    /// <summary>a=sendonly.</summary>
    SendOnly,

    /// <summary>a=recvonly.</summary>
    RecvOnly,

    /// <summary>a=inactive.</summary>
    Inactive,
}
