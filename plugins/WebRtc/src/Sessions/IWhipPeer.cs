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

    /// <summary>The receive counters of a track counted as packets arrive, or null when the answer did not accept it.</summary>
    TrackReceiveStatus? ReceiveStatus(TrackKind kind);

    /// <summary>What the receiver's RTCP did so far (NACKs, keyframe requests, holes left after them).</summary>
    IngestFeedbackStatus Feedback { get; }
}

/// <summary>The WHIP receiver's RTCP feedback counters.</summary>
/// <param name="NacksSent">Generic NACK packets sent (RFC 4585 §6.2.1).</param>
/// <param name="KeyframeRequests">PLI/FIR sent (when no keyframe came for 2 s, and after unrecovered loss).</param>
/// <param name="PacketsUnrecovered">Sequence numbers that never arrived, even after NACKs (the segmenter skipped them).</param>
internal sealed record IngestFeedbackStatus(long NacksSent, long KeyframeRequests, long PacketsUnrecovered);

/// <summary>One received RTP packet of an accepted track.</summary>
/// <param name="Kind">Video or audio.</param>
/// <param name="Packet">The plain RTP packet (header and payload).</param>
internal readonly record struct ReceivedRtp(TrackKind Kind, ReadOnlyMemory<byte> Packet);
