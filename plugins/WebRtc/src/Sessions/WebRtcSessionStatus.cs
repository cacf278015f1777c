namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>A session in the status routes (<c>GET /webrtc/sessions</c>, <c>GET /live/video-to-video/{stream}/status</c>).</summary>
internal sealed record WebRtcSessionStatus(string Id, string Kind, string Stream, string State, DateTimeOffset StartedAt)
{
    /// <summary>Transport bytes received.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Transport bytes sent.</summary>
    public long BytesSent { get; init; }

    /// <summary>Per-track receive counters (WHIP).</summary>
    public IReadOnlyDictionary<string, TrackReceiveStatus>? Tracks { get; init; }

    /// <summary>The receiver's RTCP feedback: NACKs, keyframe requests, unrecovered packets (WHIP).</summary>
    public IngestFeedbackStatus? Ingest { get; init; }

    /// <summary>The viewer's RTCP: keyframe requests, NACKs and resends, reported loss, jitter and round trip (WHEP).</summary>
    public ViewerFeedbackStatus? Viewer { get; init; }

    /// <summary>Frames sent (WHEP).</summary>
    public long FramesSent { get; init; }

    /// <summary>Segments published into the hub (WHIP) or read from it (WHEP).</summary>
    public long Segments { get; init; }

    /// <summary>Why the session ended, when it has.</summary>
    public string? EndReason { get; init; }
}

/// <summary>Receive counters of one WHIP track (upstream's <c>ingest_metrics</c> per track).</summary>
internal sealed record TrackReceiveStatus(long Packets, long PacketsLost, double JitterSeconds, long Bytes, long BitsPerSecond, DateTimeOffset? LastInputAt);
