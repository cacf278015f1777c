using Livepeer.Plugins.WebRtc.Rtp;

namespace Livepeer.Plugins.WebRtc.Media;

/// <summary>The negotiated RTP streams a <see cref="TsToRtpPacketizer"/> produces (from the SDP answer).</summary>
public sealed record TsToRtpOptions
{
    /// <summary>The video stream (H.264 payload type from the answer), or null when video was not negotiated.</summary>
    public RtpStreamWriter? Video { get; init; }

    /// <summary>The audio stream (Opus payload type from the answer), or null when audio was not negotiated.</summary>
    public RtpStreamWriter? Audio { get; init; }

    /// <summary>Largest RTP payload (upstream's outboundMTU 1200).</summary>
    public int MaxPayloadSize { get; init; } = H264Packetizer.DefaultMaxPayloadSize;

    /// <summary>A timestamp jump larger than this (forwards or backwards) is taken as a source change and rebased.</summary>
    public TimeSpan MaxTimestampJump { get; init; } = TimeSpan.FromSeconds(3);
}
