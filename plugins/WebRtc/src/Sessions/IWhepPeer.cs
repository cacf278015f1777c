using Livepeer.Media.MpegTs;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>The sending side of a WHEP session.</summary>
internal interface IWhepPeer : IRtcPeer
{
    /// <summary>Whether the answer accepted the stream's video.</summary>
    bool SendsVideo { get; }

    /// <summary>Whether the answer accepted the stream's audio.</summary>
    bool SendsAudio { get; }

    /// <summary>
    /// Packetizes one frame demuxed from the stream's MPEG-TS and sends it; frames of kinds the peer does not take
    /// are ignored. RTP timestamps and sequence numbers stay continuous across source changes (an orchestrator
    /// swap: new PTS base, same codec parameters), so the player never has to reconnect.
    /// </summary>
    ValueTask SendAsync(TsFrame frame, CancellationToken cancellationToken);

    /// <summary>Set when the player asked for a keyframe (PLI/FIR) since the last read; reading clears it.</summary>
    bool TakeKeyframeRequest();
}
