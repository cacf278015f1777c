using System.Security.Cryptography;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Rtp.Rtcp;
using Livepeer.Plugins.WebRtc.Sdp;

namespace Livepeer.Plugins.WebRtc.Sessions.Stack;

/// <summary>
/// The receiver's half of RTP/RTCP on a WHIP session: incoming RTP is counted on arrival, put back in order
/// (<see cref="RtpReorderBuffer"/>) and handed on; gaps are NACKed while the packets can still fill them (RFC 4585
/// §6.2.1, when negotiated); a keyframe is requested by PLI (RFC 4585 §6.3.1, else FIR, RFC 5104 §4.3.1) whenever
/// none came for 2 s and soon after unrecovered loss (<see cref="KeyframeRequester"/>); receiver reports go out every
/// <see cref="ReportInterval"/> (RFC 3550 §6.4.2) with LSR/DLSR from the publisher's sender reports. Every RTCP datagram
/// is a full compound packet (RR + SDES CNAME first, RFC 3550 §6.1; RFC 4585 §3.1 for early feedback). Thread-safe:
/// the peer's receive loop and its timer both call in.
/// </summary>
internal sealed class IngestFeedback
{
    /// <summary>Time between receiver reports (libwebrtc's 1 s for video; RTCP stays far below 5 % of the media rate).</summary>
    public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Track? _video;
    private readonly Track? _audio;
    private readonly KeyframeRequester _keyframes;
    private readonly bool _pli;
    private readonly bool _fir;
    private readonly string _cname = RandomNumberGenerator.GetHexString(16, lowercase: true);
    private long _lastReport;
    private byte _firSequence;

    public IngestFeedback(SdpAnswer answer, uint ourSsrc, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _time = time;
        OurSsrc = ourSsrc;
        _video = answer.Video is { } video ? new Track(TrackKind.Video, video, 90_000, time) : null;
        _audio = answer.Audio is { } audio ? new Track(TrackKind.Audio, audio, 48_000, time) : null;
        _pli = answer.Video?.Pli == true;
        _fir = answer.Video?.Fir == true;
        _keyframes = new KeyframeRequester(time);
        _lastReport = time.GetTimestamp();
    }

    /// <summary>The SSRC our RTCP is sent from (we send no media on WHIP).</summary>
    public uint OurSsrc { get; }

    /// <summary>Keyframe requests sent (PLI or FIR).</summary>
    public long KeyframeRequests
    {
        get
        {
            lock (_lock)
            {
                return _keyframes.Requests;
            }
        }
    }

    /// <summary>Sequence numbers given up on after reordering and NACKs (what the segmenter never saw).</summary>
    public long Unrecovered
    {
        get
        {
            lock (_lock)
            {
                return (_video?.Reorder.Lost ?? 0) + (_audio?.Reorder.Lost ?? 0);
            }
        }
    }

    /// <summary>NACK packets sent.</summary>
    public long NacksSent { get; private set; }

    /// <summary>The counters of an accepted track, or null when the answer did not accept it.</summary>
    public TrackReceiveCounter? Counter(TrackKind kind) => (kind == TrackKind.Video ? _video : _audio)?.Counter;

    /// <summary>One decrypted RTP datagram: counted, reordered; what is now deliverable in order is added to <paramref name="deliver"/>.</summary>
    public void OnRtp(ReadOnlyMemory<byte> datagram, List<ReceivedRtp> deliver)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        if (!RtpPacket.TryParse(datagram, out var packet, out _) || packet is null)
        {
            return;
        }

        var track = _video?.PayloadType == packet.PayloadType ? _video : _audio?.PayloadType == packet.PayloadType ? _audio : null;
        if (track is null)
        {
            return; // a payload type the answer did not accept (RTX, FEC, …)
        }

        track.Counter.OnDatagram(datagram.Span);
        lock (_lock)
        {
            track.Nack?.OnReceived(packet.SequenceNumber);
            Deliver(track, track.Reorder.Push(packet), deliver);
        }
    }

    /// <summary>One decrypted RTCP datagram from the publisher: its sender reports feed our LSR/DLSR.</summary>
    public void OnRtcp(ReadOnlyMemory<byte> datagram)
    {
        if (!RtcpCompound.TryParse(datagram, out var packets, out _))
        {
            return;
        }

        foreach (var report in packets.OfType<RtcpSenderReport>())
        {
            foreach (var track in new[] { _video, _audio })
            {
                if (track is not null && track.Counter.Ssrc == report.Ssrc)
                {
                    track.Counter.OnSenderReport(report);
                }
            }
        }
    }

    /// <summary>The segmenter wrote a keyframe: stop asking for one.</summary>
    public void OnKeyframe()
    {
        lock (_lock)
        {
            _keyframes.OnKeyframe();
        }
    }

    /// <summary>
    /// Call every ~20 ms: releases packets whose gap waited too long (into <paramref name="deliver"/>) and returns the
    /// RTCP datagram due now (NACKs, a keyframe request, the periodic report), or null.
    /// </summary>
    public byte[]? Tick(List<ReceivedRtp> deliver)
    {
        ArgumentNullException.ThrowIfNull(deliver);
        lock (_lock)
        {
            var feedback = new List<RtcpPacket>();
            foreach (var track in new[] { _video, _audio })
            {
                if (track is null)
                {
                    continue;
                }

                Deliver(track, track.Reorder.Poll(), deliver);
                var ssrc = track.Counter.Ssrc;
                if (ssrc != 0 && track.Nack?.CreateNack(OurSsrc, ssrc) is { } nack)
                {
                    feedback.Add(nack);
                    NacksSent++;
                }
            }

            if (_video is { } video && video.Counter.Ssrc is var videoSsrc and not 0 && (_pli || _fir) && _keyframes.ShouldRequest())
            {
                feedback.Add(_pli ? new RtcpPictureLossIndication(OurSsrc, videoSsrc) : new RtcpFullIntraRequest(OurSsrc, [(videoSsrc, _firSequence++)]));
            }

            var reportDue = _time.GetElapsedTime(_lastReport) >= ReportInterval;
            if (!reportDue && feedback.Count == 0)
            {
                return null;
            }

            var blocks = new List<RtcpReportBlock>();
            if (reportDue)
            {
                _lastReport = _time.GetTimestamp();
                foreach (var track in new[] { _video, _audio })
                {
                    if (track?.Counter.CreateReportBlock() is { } block)
                    {
                        blocks.Add(block);
                    }
                }
            }

            if (blocks.Count == 0 && feedback.Count == 0)
            {
                return null; // nothing received yet: nothing to report
            }

            return RtcpCompound.Write([new RtcpReceiverReport(OurSsrc, blocks), new RtcpSourceDescription([(OurSsrc, _cname)]), .. feedback]);
        }
    }

    private void Deliver(Track track, IReadOnlyList<RtpPacket> packets, List<ReceivedRtp> deliver)
    {
        foreach (var packet in packets)
        {
            deliver.Add(new ReceivedRtp(track.Kind, packet.ToArray()));
        }

        if (track.Kind == TrackKind.Video && track.Reorder.Lost > track.LostSeen)
        {
            _keyframes.OnLoss(); // a hole the NACKs did not fill: the decoder needs a fresh keyframe
        }

        track.LostSeen = track.Reorder.Lost;
    }

    private sealed class Track
    {
        public Track(TrackKind kind, SdpTrack negotiated, int clockRate, TimeProvider time)
        {
            Kind = kind;
            PayloadType = negotiated.Codec.PayloadType;
            Counter = new TrackReceiveCounter(clockRate, time);
            Nack = negotiated.Nack ? new NackGenerator(time) : null;

            // With NACKs a gap is held long enough for all their tries (3 × 100 ms) to come back; without, 100 ms.
            Reorder = Nack is null ? new RtpReorderBuffer(time) : new RtpReorderBuffer(time, capacity: 512, maxDelay: TimeSpan.FromMilliseconds(350));
            if (Nack is { } nack)
            {
                Reorder.Missing += nack.OnMissing;
            }
        }

        public TrackKind Kind { get; }

        public int PayloadType { get; }

        public TrackReceiveCounter Counter { get; }

        public RtpReorderBuffer Reorder { get; }

        public NackGenerator? Nack { get; }

        public long LostSeen { get; set; }
    }
}
