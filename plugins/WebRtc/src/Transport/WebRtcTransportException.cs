namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>A transport could not connect (DTLS failure, fingerprint mismatch, timeout).</summary>
public sealed class WebRtcTransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebRtcTransportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WebRtcTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public WebRtcTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
