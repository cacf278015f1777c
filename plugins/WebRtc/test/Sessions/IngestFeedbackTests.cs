using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Rtp.Rtcp;
using Livepeer.Plugins.WebRtc.Sdp;
using Livepeer.Plugins.WebRtc.Sessions;
using Livepeer.Plugins.WebRtc.Sessions.Stack;
using Livepeer.Plugins.WebRtc.Tests.Rtp;

namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>
/// The WHIP receiver's RTP/RTCP on a manual clock: reordering, NACKs that get holes filled, keyframe requests every
/// 2 s until a keyframe and after unrecovered loss, receiver reports with LSR/DLSR, and garbage ignored.
/// </summary>
public sealed class IngestFeedbackTests
{
    private const uint Ours = 0xFEED;
    private const uint VideoSsrc = 0x1234;

    private readonly ManualTimeProvider _time = new();
    private readonly List<ReceivedRtp> _delivered = [];

    private IngestFeedback Create(string offer = Offers.VideoAndAudio) => new(Answer(offer), Ours, _time);

    internal static SdpAnswer Answer(string offer, SdpRole role = SdpRole.Whip) => SdpAnswerBuilder.Build(SdpOffer.Parse(offer), new SdpAnswerOptions
    {
        Role = role,
        IceUfrag = "ourufrag",
        IcePwd = "ourpasswordourpassword",
        Fingerprint = new SdpFingerprint("sha-256", new byte[32]),
        Candidates = [new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 7290)],
        SessionId = 42,
        VideoSsrc = 1111,
        AudioSsrc = 2222,
    });

    private static byte[] Video(ushort sequence) => RtpSenderSideTests.Packet(sequence, sequence * 3000u, 100);

    private static byte[] Audio(ushort sequence)
    {
        var packet = RtpSenderSideTests.Packet(sequence, sequence * 960u, 60);
        packet[1] = 111;
        packet[11] = 0x99; // SSRC 0x1299
        return packet;
    }

    private IReadOnlyList<RtcpPacket> Tick(IngestFeedback feedback) =>
        feedback.Tick(_delivered) is { } datagram ? RtcpCompound.Parse(datagram) : [];

    [Fact]
    public void AHoleIsNackedAndTheResentPacketIsDeliveredInOrder()
    {
        var feedback = Create();
        feedback.OnRtp(Video(10), _delivered);
        feedback.OnRtp(Video(12), _delivered);
        feedback.OnRtp(Video(13), _delivered);
        Assert.Equal([10], Sequences());

        var rtcp = Tick(feedback);
        Assert.IsType<RtcpReceiverReport>(rtcp[0]); // early feedback is still a compound led by a report
        Assert.Equal(Ours, ((RtcpReceiverReport)rtcp[0]).Ssrc);
        Assert.Contains(rtcp, p => p is RtcpSourceDescription);
        var nack = Assert.Single(rtcp.OfType<RtcpGenericNack>());
        Assert.Equal((Ours, VideoSsrc), (nack.SenderSsrc, nack.MediaSsrc));
        Assert.Equal([(ushort)11], nack.Lost);

        _time.Advance(TimeSpan.FromMilliseconds(40));
        feedback.OnRtp(Video(11), _delivered); // the retransmission
        Assert.Equal([10, 11, 12, 13], Sequences());
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.DoesNotContain(Tick(feedback), p => p is RtcpGenericNack); // nothing is missing any more
        Assert.Equal(0, feedback.Unrecovered);
        Assert.Equal(1, feedback.NacksSent);
    }

    [Fact]
    public void AHoleNoNackFillsIsSkippedAndAKeyframeRequested()
    {
        var feedback = Create();
        feedback.OnRtp(Video(1), _delivered);
        Assert.Single(Tick(feedback).OfType<RtcpPictureLossIndication>()); // the first one, at the start
        feedback.OnKeyframe();
        feedback.OnRtp(Video(3), _delivered);
        var nacks = 0;
        for (var i = 0; i < 20; i++) // 400 ms
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            nacks += Tick(feedback).OfType<RtcpGenericNack>().Count();
        }

        Assert.Equal(NackGenerator.MaxRetries, nacks);
        Assert.Equal([1, 3], Sequences()); // released once the NACKs had their time
        Assert.Equal(1, feedback.Unrecovered);

        var plis = 0;
        for (var i = 0; i < 40; i++) // the loss asks for a keyframe at once (≥ 500 ms after the last request)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            plis += Tick(feedback).OfType<RtcpPictureLossIndication>().Count();
        }

        Assert.Equal(1, plis);
        Assert.Equal(2, feedback.KeyframeRequests);
    }

    [Fact]
    public void KeyframesAreRequestedWhenNoneCameForTwoSeconds()
    {
        var feedback = Create();
        Assert.Empty(Tick(feedback)); // nothing received: no source to ask, nothing to report
        feedback.OnRtp(Video(1), _delivered);
        var at = new List<int>();
        for (var ms = 0; ms <= 10_000; ms += 20)
        {
            if (Tick(feedback).OfType<RtcpPictureLossIndication>().Any())
            {
                at.Add(ms);
            }

            if (ms is >= 5000 and <= 8000 && ms % 500 == 0)
            {
                feedback.OnKeyframe(); // a GOP of 0.5 s from 5 s to 8 s: no requests needed
            }

            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal([0, 2000, 4000, 10_000], at); // the last keyframe came at 8 s
    }

    [Fact]
    public void ReceiverReportsEverySecondCoverBothSourcesWithLsrAndDlsr()
    {
        var feedback = Create();
        for (ushort i = 0; i < 10; i++)
        {
            feedback.OnRtp(Video(i), _delivered);
            feedback.OnRtp(Audio(i), _delivered);
        }

        var senderReport = new RtcpSenderReport(VideoSsrc, 0x0000_1234_5678_0000, 3000, 10, 1000, []);
        feedback.OnRtcp(RtcpCompound.Write([senderReport]));
        feedback.OnKeyframe();
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Empty(Tick(feedback)); // not due yet
        _time.Advance(TimeSpan.FromMilliseconds(500));
        var report = Assert.IsType<RtcpReceiverReport>(Tick(feedback)[0]);
        Assert.Equal([VideoSsrc, 0x1299u], report.Reports.Select(b => b.Ssrc));
        var video = report.Reports[0];
        Assert.Equal(9u, video.ExtendedHighestSequence);
        Assert.Equal(0, video.CumulativeLost);
        Assert.Equal(0x1234_5678u, video.LastSenderReport);
        Assert.Equal(65536u, video.DelaySinceLastSenderReport); // 1 s in 1/65536 s
        Assert.Equal(0u, report.Reports[1].LastSenderReport); // no SR from the audio source yet
        Assert.Equal(20, feedback.Counter(TrackKind.Video)!.Snapshot().Packets + feedback.Counter(TrackKind.Audio)!.Snapshot().Packets);
    }

    [Fact]
    public void WithoutNackOrPliNegotiatedNoneAreSentAndFirIsUsedWhenOffered()
    {
        var plain = Offers.VideoAndAudio.Replace("a=rtcp-fb:102 nack\r\na=rtcp-fb:102 nack pli\r\n", "", StringComparison.Ordinal);
        var feedback = Create(plain);
        feedback.OnRtp(Video(1), _delivered);
        feedback.OnRtp(Video(3), _delivered);
        _time.Advance(TimeSpan.FromSeconds(1));
        var rtcp = Tick(feedback);
        Assert.DoesNotContain(rtcp, p => p is RtcpGenericNack or RtcpPictureLossIndication or RtcpFullIntraRequest);

        var fir = Create(plain.Replace("a=rtpmap:102 H264/90000\r\n", "a=rtpmap:102 H264/90000\r\na=rtcp-fb:102 ccm fir\r\n", StringComparison.Ordinal));
        fir.OnRtp(Video(1), _delivered);
        var request = Assert.Single(Tick(fir).OfType<RtcpFullIntraRequest>());
        Assert.Equal((VideoSsrc, (byte)0), request.Entries[0]);
    }

    [Fact]
    public void GarbageAndUnknownPayloadTypesAreIgnored()
    {
        var feedback = Create();
        var random = new Random(5);
        for (var i = 0; i < 2000; i++)
        {
            var junk = new byte[random.Next(0, 80)];
            random.NextBytes(junk);
            feedback.OnRtp(junk, _delivered);
            feedback.OnRtcp(junk);
        }

        var rtx = Video(1);
        rtx[1] = 103; // a payload type the answer did not accept
        feedback.OnRtp(rtx, _delivered);
        feedback.OnRtcp(new byte[] { 0x81, 200, 0, 40 }); // an SR whose length runs past the datagram
        Assert.True(_delivered.All(p => p.Kind is TrackKind.Video or TrackKind.Audio));
        feedback.OnRtp(Video(7), _delivered);
        Assert.Equal(7, Sequences().Last());
    }

    private List<int> Sequences() => [.. _delivered.Where(p => p.Kind == TrackKind.Video).Select(p => (int)RtpPacket.Parse(p.Packet).SequenceNumber)];
}
