namespace Livepeer.Plugins.Rtmp.Protocol;

/// <summary>The peer broke the RTMP protocol (bad handshake, chunk, size or command); the connection is closed.</summary>
public sealed class RtmpProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RtmpProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public RtmpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public RtmpProtocolException()
    {
    }
}
