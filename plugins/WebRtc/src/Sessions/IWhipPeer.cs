using System.Threading.Channels;
using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>The receiving side of a WHIP session.</summary>
internal interface IWhipPeer : IRtcPeer
{
    /// <summary>Whether the answer accepted an audio (Opus) section.</summary>
    bool HasAudio { get; }

    /// <summary>Decrypted RTP packets of the accepted tracks, classified by kind; completes on close.</summary>
    ChannelReader<ReceivedRtp> Media { get; }

    /// <summary>The RTP clock rate of a kind (90 000 for H.264, 48 000 for Opus).</summary>
    int ClockRate(TrackKind kind);

    /// <summary>
    /// Starts turning the received RTP into keyframe-aligned MPEG-TS segments with the tracks that arrived
    /// (the session layer decides which after its gathering timeouts).
    /// </summary>
    IIngestSegmenter CreateSegmenter(bool withAudio);

    /// <summary>Asks the publisher for a keyframe (RTCP PLI/FIR); false when the peer cannot take one.</summary>
    ValueTask<bool> RequestKeyframeAsync(CancellationToken cancellationToken);
}

/// <summary>One received RTP packet of an accepted track.</summary>
/// <param name="Kind">Video or audio.</param>
/// <param name="Packet">The plain RTP packet (header and payload).</param>
internal readonly record struct ReceivedRtp(TrackKind Kind, ReadOnlyMemory<byte> Packet);
