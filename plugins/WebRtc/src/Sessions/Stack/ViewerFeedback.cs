using System.Security.Cryptography;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Rtp.Rtcp;
using Livepeer.Plugins.WebRtc.Sdp;

namespace Livepeer.Plugins.WebRtc.Sessions.Stack;

/// <summary>
/// The sender's half of RTP/RTCP on a WHEP session: sender reports per outgoing SSRC (RFC 3550 §6.4.1) with the
/// NTP↔RTP mapping players use for lip sync; generic NACKs answered from a send history when negotiated (RFC 4585
/// §6.2.1, resent on the original SSRC as no RTX is negotiated); PLI/FIR counted (the output is not re-encoded: the
/// next keyframe comes with the output's next segment, see the README); the viewer's receiver reports kept for the
/// status (loss, jitter, and the round-trip time from LSR/DLSR, RFC 3550 §6.4.1). Thread-safe: the session sends, the
/// peer's RTCP loop reads, its timer reports.
/// </summary>
internal sealed class ViewerFeedback
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Stream? _video;
    private readonly Stream? _audio;
    private readonly string _cname = RandomNumberGenerator.GetHexString(16, lowercase: true);
    private long _keyframeRequests;
    private long _nacks;
    private RtcpReportBlock? _lastReport;
    private double? _roundTrip;

    public ViewerFeedback(SdpAnswer answer, uint videoSsrc, uint audioSsrc, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _time = time;
        _video = answer.Video is { } video ? new Stream(new RtpSenderStatistics(videoSsrc, 90_000, time), video.Nack ? new RtpSendHistory() : null) : null;
        _audio = answer.Audio is { } audio ? new Stream(new RtpSenderStatistics(audioSsrc, 48_000, time), audio.Nack ? new RtpSendHistory() : null) : null;
    }

    /// <summary>What the viewer reported and asked for so far.</summary>
    public ViewerFeedbackStatus Status
    {
        get
        {
            lock (_lock)
            {
                return new ViewerFeedbackStatus(
                    _keyframeRequests,
                    _nacks,
                    (_video?.History?.Resent ?? 0) + (_audio?.History?.Resent ?? 0),
                    _lastReport?.CumulativeLost ?? 0,
                    _lastReport is { } r ? (double)r.Jitter / 90_000 : 0,
                    _roundTrip);
            }
        }
    }

    /// <summary>A packet of <paramref name="kind"/> was just sent.</summary>
    public void OnSent(TrackKind kind, ReadOnlyMemory<byte> packet)
    {
        if ((kind == TrackKind.Video ? _video : _audio) is not { } stream || packet.Length < RtpPacket.HeaderSize)
        {
            return;
        }

        lock (_lock)
        {
            stream.Statistics.OnSent(packet.Span);
            stream.History?.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(packet.Span[2..]), packet);
        }
    }

    /// <summary>One RTCP datagram from the viewer; NACKed packets still held are added to <paramref name="resend"/>.</summary>
    public void OnRtcp(ReadOnlyMemory<byte> datagram, List<ReadOnlyMemory<byte>> resend)
    {
        ArgumentNullException.ThrowIfNull(resend);
        if (!RtcpCompound.TryParse(datagram, out var packets, out _))
        {
            return;
        }

        lock (_lock)
        {
            foreach (var packet in packets)
            {
                switch (packet)
                {
                    case RtcpPictureLossIndication or RtcpFullIntraRequest:
                        _keyframeRequests++;
                        break;
                    case RtcpGenericNack nack when Find(nack.MediaSsrc)?.History is { } history:
                        _nacks++;
                        foreach (var sequence in nack.Lost)
                        {
                            if (history.TryResend(sequence, out var again))
                            {
                                resend.Add(again);
                            }
                        }

                        break;
                    case RtcpReceiverReport report:
                        OnReportBlocks(report.Reports);
                        break;
                    case RtcpSenderReport report:
                        OnReportBlocks(report.Reports);
                        break;
                }
            }
        }
    }

    /// <summary>The sender reports due now, one compound datagram per outgoing SSRC that has sent (SR + SDES CNAME).</summary>
    public IReadOnlyList<byte[]> CreateSenderReports()
    {
        var reports = new List<byte[]>(2);
        lock (_lock)
        {
            foreach (var stream in new[] { _video, _audio })
            {
                if (stream?.Statistics.CreateReport() is { } report)
                {
                    reports.Add(RtcpCompound.Write([report, new RtcpSourceDescription([(report.Ssrc, _cname)])]));
                }
            }
        }

        return reports;
    }

    private Stream? Find(uint ssrc) =>
        _video?.Statistics.Ssrc == ssrc ? _video : _audio?.Statistics.Ssrc == ssrc ? _audio : null;

    private void OnReportBlocks(IReadOnlyList<RtcpReportBlock> blocks)
    {
        foreach (var block in blocks)
        {
            if (_video is not null && block.Ssrc == _video.Statistics.Ssrc)
            {
                _lastReport = block;

                // RFC 3550 §6.4.1: RTT = arrival − LSR − DLSR, all in the NTP middle-32 units (1/65536 s).
                if (block.LastSenderReport != 0)
                {
                    var rtt = unchecked(NtpTime.Middle(NtpTime.From(_time.GetUtcNow())) - block.LastSenderReport - block.DelaySinceLastSenderReport);
                    if (rtt < 65536 * 10)
                    {
                        _roundTrip = rtt / 65536.0;
                    }
                }
            }
        }
    }

    private sealed record Stream(RtpSenderStatistics Statistics, RtpSendHistory? History);
}
