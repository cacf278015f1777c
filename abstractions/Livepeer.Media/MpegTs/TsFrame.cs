namespace Livepeer.Media.MpegTs;

/// <summary>
/// One reassembled PES payload (an access unit for video; one or more ADTS/Opus frames for audio).
/// <see cref="Data"/> is only valid while the <see cref="TsDemuxer.FrameReceived"/> handler runs: copy it to keep it.
/// </summary>
/// <param name="Track">The track it belongs to.</param>
/// <param name="Pts">Presentation timestamp, 90 kHz, unwrapped past the 33-bit limit (so it only grows).</param>
/// <param name="Dts">Decode timestamp, 90 kHz, unwrapped; equals <paramref name="Pts"/> when the PES carried only a PTS.</param>
/// <param name="Data">The PES payload (Annex B for H.264, ADTS frames for AAC, control-header framed packets for Opus).</param>
/// <param name="IsKeyframe">Random-access point: random_access_indicator set, an IDR in H.264, or any audio frame.</param>
/// <param name="Discontinuity">A continuity-counter gap was seen while this PES was being assembled (data may be missing).</param>
public readonly record struct TsFrame(TsTrack Track, long Pts, long Dts, ReadOnlyMemory<byte> Data, bool IsKeyframe, bool Discontinuity)
{
    /// <summary>Whether the PES carried a PTS (frames without one report 0).</summary>
    public bool HasTimestamp { get; init; } = true;
}
