using Livepeer.Abstractions.Media;
using Livepeer.Media.Segmenting;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>RTP in (depacketized, reordered, timestamps unwrapped), keyframe-aligned MPEG-TS segments out.</summary>
internal interface IIngestSegmenter
{
    /// <summary>Takes one RTP packet of a track.</summary>
    void Push(TrackKind kind, ReadOnlySpan<byte> rtpPacket);

    /// <summary>The segments completed since the last call, in order.</summary>
    IReadOnlyList<TsSegment> TakeCompleted();

    /// <summary>Ends the input: the segment in progress is completed.</summary>
    void Complete();

    /// <summary>The tracks of the segments, as soon as they are known.</summary>
    IReadOnlyList<TrackInfo> Tracks { get; }
}
