namespace Livepeer.Plugins.WebRtc.Dtls;

/// <summary>A DTLS-SRTP handshake that did not produce keys.</summary>
public sealed class DtlsHandshakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DtlsHandshakeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DtlsHandshakeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public DtlsHandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
