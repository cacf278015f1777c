namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>An RTP or RTCP packet is malformed (bad version, lengths that run past the datagram, bad padding).</summary>
public sealed class RtpFormatException : FormatException
{
    /// <summary>Creates the error.</summary>
    public RtpFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with no message.</summary>
    public RtpFormatException()
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public RtpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
