namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>Timing for transports, from <see cref="WebRtcOptions"/>.</summary>
/// <param name="ConnectTimeout">From creation to DTLS keys; past it the transport closes (HandshakeFailed).</param>
/// <param name="ConsentTimeout">Without a valid ICE check for this long the transport closes (RFC 7675 §5.1: 30 s).</param>
/// <param name="Time">The clock (timers and elapsed times).</param>
internal sealed record WebRtcTransportSettings(TimeSpan ConnectTimeout, TimeSpan ConsentTimeout, TimeProvider Time)
{
    /// <summary>How often a transport checks its deadlines.</summary>
    public static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);
}
