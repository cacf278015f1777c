namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>An SDP offer cannot be answered (malformed, or no usable track); the endpoint answers 400 with the message.</summary>
internal sealed class OfferRejectedException : Exception
{
    public OfferRejectedException()
    {
    }

    public OfferRejectedException(string message)
        : base(message)
    {
    }

    public OfferRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
