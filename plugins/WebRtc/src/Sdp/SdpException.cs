namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>An SDP offer is malformed, too large or unusable for WHIP/WHEP; the message says which line or rule.</summary>
public sealed class SdpException : FormatException
{
    /// <summary>Creates the error.</summary>
    public SdpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with no message.</summary>
    public SdpException()
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public SdpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
