namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>A negotiated WebRTC peer: its SDP answer and the transport's life. Disposing closes it.</summary>
internal interface IRtcPeer : IAsyncDisposable
{
    /// <summary>The complete SDP answer (all candidates included; no trickle ICE).</summary>
    string AnswerSdp { get; }

    /// <summary>Completes when ICE and DTLS are up; faults when they fail or time out.</summary>
    Task Connected { get; }

    /// <summary>Completes (never faults) when the transport has closed for any reason.</summary>
    Task Closed { get; }

    /// <summary>Bytes received and sent so far on the transport.</summary>
    (long Received, long Sent) Bytes { get; }
}
