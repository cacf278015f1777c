using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>The sending side of a WHEP session.</summary>
internal interface IWhepPeer : IRtcPeer
{
    /// <summary>Whether the answer accepted the stream's video.</summary>
    bool SendsVideo { get; }

    /// <summary>Whether the answer accepted the stream's audio.</summary>
    bool SendsAudio { get; }

    /// <summary>
    /// Turns one whole segment of the output's MPEG-TS into the RTP packets to send, in order. RTP timestamps and
    /// sequence numbers stay continuous across source changes (an orchestrator swap: new PTS base, same codec
    /// parameters), so the player never has to reconnect.
    /// </summary>
    IReadOnlyList<OutgoingRtp> Packetize(ReadOnlyMemory<byte> segment);

    /// <summary>The output changed source (a new hub publication): start over at its next keyframe, rebased.</summary>
    void StartNewSource();

    /// <summary>Protects and sends one packet.</summary>
    ValueTask SendAsync(OutgoingRtp packet, CancellationToken cancellationToken);

    /// <summary>What the viewer's RTCP said and asked for so far.</summary>
    ViewerFeedbackStatus Feedback { get; }
}

/// <summary>One RTP packet to send.</summary>
/// <param name="Kind">Video or audio.</param>
/// <param name="MediaTime">Its media time on a 90 kHz clock common to both kinds (what the pacer spreads packets by).</param>
/// <param name="Packet">The plain RTP packet.</param>
/// <param name="StartsFrame">True for the first packet of a frame (video) or for every audio packet.</param>
internal readonly record struct OutgoingRtp(TrackKind Kind, long MediaTime, ReadOnlyMemory<byte> Packet, bool StartsFrame);

/// <summary>A WHEP viewer's RTCP as seen by the sender.</summary>
/// <param name="KeyframeRequests">PLI/FIR received.</param>
/// <param name="Nacks">Generic NACK packets received.</param>
/// <param name="PacketsResent">Packets sent again for them.</param>
/// <param name="ReportedLost">Video packets lost, from the viewer's newest receiver report.</param>
/// <param name="ReportedJitterSeconds">Video interarrival jitter from the same report.</param>
/// <param name="RoundTripSeconds">Round-trip time from the report's LSR/DLSR, once one echoes our sender report.</param>
internal sealed record ViewerFeedbackStatus(long KeyframeRequests, long Nacks, long PacketsResent, long ReportedLost, double ReportedJitterSeconds, double? RoundTripSeconds);
