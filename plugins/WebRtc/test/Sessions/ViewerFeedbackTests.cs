using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Rtp.Rtcp;
using Livepeer.Plugins.WebRtc.Sdp;
using Livepeer.Plugins.WebRtc.Sessions.Stack;
using Livepeer.Plugins.WebRtc.Tests.Rtp;

namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>The WHEP sender's RTCP on a manual clock: sender reports, NACKs answered from history, PLI/FIR and reports counted.</summary>
public sealed class ViewerFeedbackTests
{
    private const uint VideoSsrc = 1111;
    private const uint AudioSsrc = 2222;

    private readonly ManualTimeProvider _time = new();

    private ViewerFeedback Create(string? offer = null) =>
        new(IngestFeedbackTests.Answer((offer ?? Offers.VideoAndAudio).Replace("a=sendonly", "a=recvonly", StringComparison.Ordinal), SdpRole.Whep), VideoSsrc, AudioSsrc, _time);

    private static byte[] Sent(uint ssrc, ushort sequence, uint timestamp, int payload = 100)
    {
        var packet = RtpSenderSideTests.Packet(sequence, timestamp, payload);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        return packet;
    }

    [Fact]
    public void SenderReportsGoOutPerStreamThatHasSentWithItsCname()
    {
        var feedback = Create();
        Assert.Empty(feedback.CreateSenderReports());
        feedback.OnSent(TrackKind.Video, Sent(VideoSsrc, 1, 90_000));
        feedback.OnSent(TrackKind.Video, Sent(VideoSsrc, 2, 93_000));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        var report = Assert.Single(feedback.CreateSenderReports());
        var compound = RtcpCompound.Parse(report);
        var sr = Assert.IsType<RtcpSenderReport>(compound[0]);
        Assert.Equal((VideoSsrc, 2u, 200u, 93_000u + 9000u), (sr.Ssrc, sr.PacketCount, sr.OctetCount, sr.RtpTimestamp));
        var sdes = Assert.IsType<RtcpSourceDescription>(compound[1]);
        Assert.Equal(VideoSsrc, sdes.Chunks[0].Ssrc);
        Assert.Equal(16, sdes.Chunks[0].Cname.Length);

        feedback.OnSent(TrackKind.Audio, Sent(AudioSsrc, 9, 48_000, 60));
        Assert.Equal(2, feedback.CreateSenderReports().Count);
    }

    [Fact]
    public void NackedPacketsAreResentFromHistoryAndPliIsCounted()
    {
        var feedback = Create();
        for (ushort i = 100; i < 110; i++)
        {
            feedback.OnSent(TrackKind.Video, Sent(VideoSsrc, i, i * 3000u));
        }

        var resend = new List<ReadOnlyMemory<byte>>();
        feedback.OnRtcp(RtcpCompound.Write([
            new RtcpReceiverReport(5, []),
            new RtcpGenericNack(5, VideoSsrc, [(ushort)102, (ushort)105, (ushort)7]),
            new RtcpPictureLossIndication(5, VideoSsrc),
            new RtcpFullIntraRequest(5, [(VideoSsrc, (byte)1)]),
        ]), resend);
        Assert.Equal([102, 105], resend.Select(p => (int)RtpPacket.Parse(p).SequenceNumber));
        feedback.OnRtcp(RtcpCompound.Write([new RtcpGenericNack(5, AudioSsrc, [(ushort)1])]), resend); // audio offered no nack
        Assert.Equal(2, resend.Count);
        var status = feedback.Status;
        Assert.Equal((2L, 1L, 2L), (status.KeyframeRequests, status.Nacks, status.PacketsResent));
    }

    [Fact]
    public void ReceiverReportsGiveLossJitterAndRoundTrip()
    {
        var feedback = Create();
        feedback.OnSent(TrackKind.Video, Sent(VideoSsrc, 1, 0));
        var sr = (RtcpSenderReport)RtcpCompound.Parse(Assert.Single(feedback.CreateSenderReports()))[0];
        _time.Advance(TimeSpan.FromMilliseconds(250)); // 50 ms on the way each way, 150 ms held by the viewer
        var block = new RtcpReportBlock(VideoSsrc, 0, 3, 100, 900, sr.NtpMiddle, 150 * 65536 / 1000);
        feedback.OnRtcp(RtcpCompound.Write([new RtcpReceiverReport(5, [block])]), []);
        var status = feedback.Status;
        Assert.Equal(3, status.ReportedLost);
        Assert.Equal(0.01, status.ReportedJitterSeconds, 6);
        Assert.InRange(status.RoundTripSeconds!.Value, 0.099, 0.101);
    }

    [Fact]
    public void GarbageRtcpIsIgnored()
    {
        var feedback = Create();
        var random = new Random(3);
        var resend = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < 2000; i++)
        {
            var junk = new byte[random.Next(1, 100)];
            random.NextBytes(junk);
            junk[0] = (byte)(0x80 | (junk[0] & 0x1F)); // version 2, so the parser looks further
            feedback.OnRtcp(junk, resend);
        }

        Assert.Empty(resend); // nothing was sent, so nothing can be resent
        Assert.Null(feedback.Status.RoundTripSeconds);
    }
}
