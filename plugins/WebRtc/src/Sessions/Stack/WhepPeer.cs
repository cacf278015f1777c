using System.Security.Cryptography;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Media;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Sdp;
using Livepeer.Plugins.WebRtc.Transport;

namespace Livepeer.Plugins.WebRtc.Sessions.Stack;

/// <summary>
/// A WHEP peer on a transport: the media layer's <see cref="TsToRtpPacketizer"/> (timestamps rebased across source
/// changes) and SRTP sends; the viewer's RTCP read (NACKs answered, PLI/FIR and reports counted) and sender reports
/// sent every <see cref="SenderReportInterval"/> (<see cref="ViewerFeedback"/>).
/// </summary>
internal sealed class WhepPeer : TransportPeer, IWhepPeer
{
    /// <summary>Time between sender reports (libwebrtc sends video's every second; a few dozen bytes per stream).</summary>
    public static readonly TimeSpan SenderReportInterval = TimeSpan.FromSeconds(1);

    private readonly TsToRtpPacketizer _packetizer;
    private readonly List<OutgoingRtp> _batch = [];
    private readonly ViewerFeedback _feedback;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _drain;
    private readonly Task _reports;

    public WhepPeer(IWebRtcTransport transport, SdpAnswer answer, uint videoSsrc, uint audioSsrc, TimeProvider time)
        : base(transport, answer)
    {
        _time = time;
        _feedback = new ViewerFeedback(answer, videoSsrc, audioSsrc, time);
        _packetizer = new TsToRtpPacketizer(new TsToRtpOptions
        {
            Video = answer.Video is { } video ? new RtpStreamWriter(videoSsrc, (byte)video.Codec.PayloadType, (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue)) : null,
            Audio = answer.Audio is { } audio ? new RtpStreamWriter(audioSsrc, (byte)audio.Codec.PayloadType, (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue)) : null,
        });
        _packetizer.PacketReady += OnPacket;
        _drain = Task.Run(DrainAsync);
        _reports = Task.Run(ReportAsync);
    }

    public bool SendsVideo => Answer.Video is not null;

    public bool SendsAudio => Answer.Audio is not null;

    public IReadOnlyList<OutgoingRtp> Packetize(ReadOnlyMemory<byte> segment)
    {
        _batch.Clear();
        _packetizer.Push(segment.Span);
        _packetizer.Flush();
        return [.. _batch];
    }

    public ViewerFeedbackStatus Feedback => _feedback.Status;

    /// <summary>The RTCP loop and the sender-report timer; both end when the transport closes (leak accounting).</summary>
    internal Task Background => Task.WhenAll(_drain, _reports);

    public void StartNewSource() => _packetizer.StartNewSource();

    public async ValueTask SendAsync(OutgoingRtp packet, CancellationToken cancellationToken)
    {
        if (await Transport.SendRtpAsync(packet.Packet, cancellationToken).ConfigureAwait(false))
        {
            _feedback.OnSent(packet.Kind, packet.Packet);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync().ConfigureAwait(false);
        await _drain.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _reports.ConfigureAwait(false);
        _stop.Dispose();
    }

    private void OnPacket(RtpTrackKind kind, RtpPacket packet)
    {
        var video = kind == RtpTrackKind.Video;
        var last = _batch.Count > 0 ? _batch[^1] : default;
        var startsFrame = !video || last.Kind != TrackKind.Video || last.Packet.IsEmpty || RtpTimestamp(last.Packet.Span) != packet.Timestamp;

        // Both kinds on one 90 kHz clock: audio RTP time × 90000 / 48000 (the packetizer stamps audio PTS × 48000 / 90000).
        var mediaTime = video ? (long)packet.Timestamp : (long)packet.Timestamp * 15 / 8;
        _batch.Add(new OutgoingRtp(video ? TrackKind.Video : TrackKind.Audio, mediaTime, packet.ToArray(), startsFrame));
    }

    private static uint RtpTimestamp(ReadOnlySpan<byte> packet) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);

    private async Task DrainAsync()
    {
        var resend = new List<ReadOnlyMemory<byte>>();
        await foreach (var packet in Transport.Received.ReadAllAsync().ConfigureAwait(false))
        {
            if (!packet.IsRtcp)
            {
                continue; // a viewer sends no media
            }

            _feedback.OnRtcp(packet.Data, resend);
            foreach (var again in resend)
            {
                await Transport.SendRtpAsync(again).ConfigureAwait(false);
            }

            resend.Clear();
        }
    }

    private async Task ReportAsync()
    {
        using var timer = new PeriodicTimer(SenderReportInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false) && !Transport.Closed.IsCompleted)
            {
                foreach (var report in _feedback.CreateSenderReports())
                {
                    await Transport.SendRtcpAsync(report, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
