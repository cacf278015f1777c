using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.WebRtc.Rtp;

namespace Livepeer.Plugins.WebRtc.Tests.Rtp;

public sealed class ReorderAndFeedbackTests
{
    [Fact]
    public void ReordersWithinTheWindowAcrossTheWrap()
    {
        var buffer = new RtpReorderBuffer(new ManualTimeProvider());
        var order = new ushort[] { 65534, 0, 65535, 2, 1, 1, 3 };
        var delivered = order.SelectMany(s => buffer.Push(P(s)).Select(p => p.SequenceNumber).ToList()).ToList();
        Assert.Equal(new ushort[] { 65534, 65535, 0, 1, 2, 3 }, delivered);
        Assert.Equal(1, buffer.Dropped); // the duplicate 1
        Assert.Equal(0, buffer.Lost);
    }

    [Fact]
    public void GapsAreGivenUpAfterTheDelayOrWhenFull()
    {
        var time = new ManualTimeProvider();
        var buffer = new RtpReorderBuffer(time, capacity: 4, maxDelay: TimeSpan.FromMilliseconds(50));
        var missing = new List<ushort>();
        buffer.Missing += missing.Add;
        Assert.Single(buffer.Push(P(10)));
        Assert.Empty(buffer.Push(P(13)));
        Assert.Equal(new ushort[] { 11, 12 }, missing);
        time.Advance(TimeSpan.FromMilliseconds(60));
        Assert.Equal(new ushort[] { 13 }, buffer.Poll().Select(p => p.SequenceNumber));
        Assert.Equal(2, buffer.Lost);
        Assert.Empty(buffer.Push(P(12))); // too late now
        Assert.Equal(1, buffer.Dropped);

        // Full: five packets behind the gap at 14 release the oldest.
        var released = new List<ushort>();
        foreach (var s in new ushort[] { 15, 16, 17, 18, 19 })
        {
            released.AddRange(buffer.Push(P(s)).Select(p => p.SequenceNumber));
        }

        Assert.Equal(new ushort[] { 15, 16, 17, 18, 19 }, released);
        Assert.Equal(3, buffer.Lost);
    }

    [Fact]
    public void SenderRestartResynchronises()
    {
        var buffer = new RtpReorderBuffer(new ManualTimeProvider());
        buffer.Push(P(100));
        buffer.Push(P(102));
        Assert.Equal(new ushort[] { 102, 30000 }, buffer.Push(P(30000)).Select(p => p.SequenceNumber));
        Assert.Equal(new ushort[] { 30001 }, buffer.Push(P(30001)).Select(p => p.SequenceNumber));
    }

    [Fact]
    public void RandomLossAndReorderingDeliverInOrderWithBoundedMemory()
    {
        var time = new ManualTimeProvider();
        var random = new Random(7);
        var buffer = new RtpReorderBuffer(time);
        var sent = Enumerable.Range(0, 5000).Select(i => (ushort)(60000 + i)).Where(_ => random.Next(50) != 0).ToList();

        // Swap neighbours now and then (network reordering), but not the first packet, which sets where delivery starts.
        for (var i = 1; i + 1 < sent.Count; i++)
        {
            if (random.Next(10) == 0)
            {
                (sent[i], sent[i + 1]) = (sent[i + 1], sent[i]);
            }
        }

        var delivered = new List<long>();
        var unwrap = new RtpSequenceUnwrapper();
        foreach (var s in sent)
        {
            time.Advance(TimeSpan.FromMilliseconds(2));
            delivered.AddRange(buffer.Push(P(s)).Select(p => unwrap.Unwrap(p.SequenceNumber)));
            Assert.InRange(buffer.Waiting, 0, buffer.Capacity);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        delivered.AddRange(buffer.Poll().Select(p => unwrap.Unwrap(p.SequenceNumber)));
        Assert.Equal(sent.Count, delivered.Count);
        Assert.Equal(delivered.Order(), delivered);
        Assert.Equal(5000 - sent.Count, buffer.Lost);
    }

    [Fact]
    public void NacksAreRetriedThenAbandoned()
    {
        var time = new ManualTimeProvider();
        var nacks = new NackGenerator(time);
        nacks.OnMissing(65535);
        nacks.OnMissing(0);
        nacks.OnMissing(7);
        Assert.Equal(new ushort[] { 65535, 0, 7 }, nacks.CreateNack(1, 2)!.Lost);
        Assert.Null(nacks.CreateNack(1, 2)); // not due yet
        nacks.OnReceived(0); // the retransmission arrived
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(new ushort[] { 65535, 7 }, nacks.CreateNack(1, 2)!.Lost);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, nacks.CreateNack(1, 2)!.Lost.Count);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Null(nacks.CreateNack(1, 2)); // three tries each
        Assert.Equal(0, nacks.Pending);

        for (var i = 0; i < 1000; i++)
        {
            nacks.OnMissing((ushort)i);
        }

        Assert.Equal(NackGenerator.MaxTracked, nacks.Pending);
    }

    [Fact]
    public void PliWheneverNoKeyframeCameForTwoSecondsAndSoonAfterLoss()
    {
        var time = new ManualTimeProvider();
        var pli = new KeyframeRequester(time);
        Assert.True(pli.ShouldRequest()); // at once: no keyframe yet
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(pli.ShouldRequest());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(pli.ShouldRequest()); // still none: again after 2 s
        pli.OnKeyframe();

        // An encoder with a 1 s GOP is never asked.
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.False(pli.ShouldRequest());
            pli.OnKeyframe();
        }

        // A browser's encoder (keyframes only on request): asked 2 s after each keyframe.
        time.Advance(TimeSpan.FromMilliseconds(1990));
        Assert.False(pli.ShouldRequest());
        time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.True(pli.ShouldRequest());
        time.Advance(TimeSpan.FromMilliseconds(50));
        pli.OnKeyframe();
        time.Advance(TimeSpan.FromMilliseconds(1990));
        Assert.False(pli.ShouldRequest());

        pli.OnLoss();
        Assert.True(pli.ShouldRequest());
        pli.OnLoss();
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(pli.ShouldRequest()); // burst of loss: spaced by 500 ms
        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.True(pli.ShouldRequest());
        Assert.Equal(5, pli.Requests);
    }

    private static RtpPacket P(ushort sequence) => new() { SequenceNumber = sequence, PayloadType = 96, Ssrc = 1 };
}
