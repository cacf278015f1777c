using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Media;
using Xunit;

namespace Livepeer.Abstractions.Conformance;

/// <summary>
/// What every <see cref="ISegmentChannels"/> (trickle) must do. The facts expect a channel to hold at least
/// the last three segments for late subscribers (trickle holds five).
/// </summary>
public abstract class SegmentChannelsConformanceTests : ConformanceTestBase
{
    private const int MaxSegmentBytes = 1 << 20;
    private int _nextChannel;

    /// <summary>Creates the channel provider under test, with no channels.</summary>
    protected abstract ISegmentChannels CreateChannels();

    /// <summary>The provider has a name to be configured by.</summary>
    [Fact]
    public void NameIsNotEmpty() => Assert.False(string.IsNullOrWhiteSpace(CreateChannels().Name));

    /// <summary>A channel can be created, found, and deleted once.</summary>
    [Fact]
    public async Task CreateGetDelete()
    {
        var channels = CreateChannels();
        var name = NewName();

        var created = await Within(channels.CreateChannelAsync(name, MediaContentTypes.Json, CancellationToken.None));
        Assert.Equal(name, created.Name);
        Assert.Equal(MediaContentTypes.Json, created.MimeType);
        Assert.Equal(name, channels.GetChannel(name)?.Name);

        Assert.True(await Within(channels.DeleteChannelAsync(name, CancellationToken.None)));
        Assert.Null(channels.GetChannel(name));
        Assert.False(await Within(channels.DeleteChannelAsync(name, CancellationToken.None)));
    }

    /// <summary>Creating a channel twice gives the same channel.</summary>
    [Fact]
    public async Task CreatingTwiceReturnsTheSameChannel()
    {
        var channels = CreateChannels();
        var name = NewName();
        var first = await Within(channels.CreateChannelAsync(name, MediaContentTypes.MpegTs, CancellationToken.None));
        await using (var publisher = channels.OpenPublisher(name))
        {
            await Within(publisher.WriteSegmentAsync(new byte[] { 1 }, CancellationToken.None));
        }

        var second = await Within(channels.CreateChannelAsync(name, MediaContentTypes.MpegTs, CancellationToken.None));

        Assert.Equal(first, second);
        await using var late = channels.OpenPublisher(name);
        await using var writer = await Within(late.BeginSegmentAsync(CancellationToken.None));
        Assert.Equal(1, writer.Sequence);
    }

    /// <summary>Publishers and subscribers of unknown channels are refused with <see cref="SegmentChannelNotFoundException"/>.</summary>
    [Fact]
    public void UnknownChannelIsNotFound()
    {
        var channels = CreateChannels();

        Assert.Throws<SegmentChannelNotFoundException>(() => channels.OpenPublisher("conformance-missing"));
        Assert.Throws<SegmentChannelNotFoundException>(() => channels.OpenSubscriber("conformance-missing"));
        Assert.Throws<SegmentChannelNotFoundException>(() => channels.OpenSubscriber("conformance-missing", 0));
    }

    /// <summary>Segments are numbered from 0 without gaps, across publishers.</summary>
    [Fact]
    public async Task SequenceNumbersAreConsecutiveFromZero()
    {
        var (channels, name) = await CreateChannelAsync();
        var sequences = new List<long>();
        await using (var publisher = channels.OpenPublisher(name))
        {
            for (var i = 0; i < 3; i++)
            {
                sequences.Add(await Within(publisher.WriteSegmentAsync(Payload(i, 10), CancellationToken.None)));
            }
        }

        await using (var publisher = channels.OpenPublisher(name))
        {
            sequences.Add(await Within(publisher.WriteSegmentAsync(Payload(3, 10), CancellationToken.None)));
        }

        Assert.Equal([0L, 1, 2, 3], sequences);
    }

    /// <summary>A subscriber from 0 after publishing gets the identical bytes of every segment.</summary>
    [Fact]
    public async Task SubscriberFromZeroGetsPublishedBytes()
    {
        var (channels, name) = await CreateChannelAsync();
        var payloads = Enumerable.Range(0, 3).Select(i => Payload(i, 1000 + i)).ToList();
        await using (var publisher = channels.OpenPublisher(name))
        {
            foreach (var payload in payloads)
            {
                await Within(publisher.WriteSegmentAsync(payload, CancellationToken.None));
            }
        }

        await using var subscriber = channels.OpenSubscriber(name, 0);
        await AssertReceives(subscriber, payloads, firstSequence: 0);
    }

    /// <summary>A subscriber from the next segment gets what is published after it subscribed, and nothing before.</summary>
    [Fact]
    public async Task SubscriberFromNextSegmentGetsLaterSegments()
    {
        var (channels, name) = await CreateChannelAsync();
        await using var publisher = channels.OpenPublisher(name);
        await Within(publisher.WriteSegmentAsync(Payload(9, 5), CancellationToken.None));

        await using var subscriber = channels.OpenSubscriber(name, SegmentChannelInfo.NextSegment);
        var payloads = Enumerable.Range(0, 3).Select(i => Payload(i, 64)).ToList();
        var reading = AssertReceives(subscriber, payloads, firstSequence: 1);
        foreach (var payload in payloads)
        {
            await Within(publisher.WriteSegmentAsync(payload, CancellationToken.None));
        }

        await Within(reading);
    }

    /// <summary>A segment's bytes reach a subscriber before the writer completes the segment (the point of trickle).</summary>
    [Fact]
    public async Task BytesReachSubscribersBeforeTheSegmentIsComplete()
    {
        var (channels, name) = await CreateChannelAsync();
        await using var subscriber = channels.OpenSubscriber(name, SegmentChannelInfo.NextSegment);
        await using var publisher = channels.OpenPublisher(name);
        var head = Payload(1, 300);
        var tail = Payload(2, 200);

        var writer = await Within(publisher.BeginSegmentAsync(CancellationToken.None));
        await Within(writer.WriteAsync(head, CancellationToken.None));

        var segment = await Within(subscriber.NextSegmentAsync(CancellationToken.None));
        Assert.NotNull(segment);
        await using (segment)
        {
            Assert.Equal(writer.Sequence, segment.Sequence);
            var early = new byte[head.Length];
            await Within(ReadExactlyAsync(segment.Content, early));
            Assert.Equal(head, early);

            await Within(writer.WriteAsync(tail, CancellationToken.None));
            await Within(writer.DisposeAsync());
            Assert.Equal(tail, await Within(segment.ReadAllAsync(MaxSegmentBytes, CancellationToken.None)));
        }
    }

    /// <summary>Every subscriber gets every segment.</summary>
    [Fact]
    public async Task SeveralSubscribersEachGetEverything()
    {
        var (channels, name) = await CreateChannelAsync();
        var subscribers = Enumerable.Range(0, 3).Select(_ => channels.OpenSubscriber(name, SegmentChannelInfo.NextSegment)).ToList();
        var payloads = Enumerable.Range(0, 3).Select(i => Payload(i, 2048)).ToList();
        try
        {
            var readers = subscribers.Select(s => AssertReceives(s, payloads, firstSequence: 0)).ToList();
            await using (var publisher = channels.OpenPublisher(name))
            {
                foreach (var payload in payloads)
                {
                    await Within(publisher.WriteSegmentAsync(payload, CancellationToken.None));
                }
            }

            await Within(Task.WhenAll(readers));
        }
        finally
        {
            foreach (var subscriber in subscribers)
            {
                await subscriber.DisposeAsync();
            }
        }
    }

    /// <summary>An empty segment is legal and arrives as an empty segment.</summary>
    [Fact]
    public async Task EmptySegmentIsLegal()
    {
        var (channels, name) = await CreateChannelAsync();
        await using var subscriber = channels.OpenSubscriber(name, SegmentChannelInfo.NextSegment);
        await using (var publisher = channels.OpenPublisher(name))
        {
            await Within(publisher.WriteSegmentAsync(ReadOnlyMemory<byte>.Empty, CancellationToken.None));
            await Within(publisher.WriteSegmentAsync(Payload(7, 3), CancellationToken.None));
        }

        await AssertReceives(subscriber, [[], Payload(7, 3)], firstSequence: 0);
    }

    /// <summary>Deleting a channel ends a subscriber waiting for its next segment, and refuses further publishing.</summary>
    [Fact]
    public async Task DeleteEndsWaitingSubscribers()
    {
        var (channels, name) = await CreateChannelAsync();
        await using var publisher = channels.OpenPublisher(name);
        await using var subscriber = channels.OpenSubscriber(name, SegmentChannelInfo.NextSegment);
        var waiting = subscriber.NextSegmentAsync(CancellationToken.None).AsTask();

        Assert.True(await Within(channels.DeleteChannelAsync(name, CancellationToken.None)));

        Assert.Null(await Within(waiting));
        await Assert.ThrowsAsync<SegmentChannelNotFoundException>(() => Within(publisher.BeginSegmentAsync(CancellationToken.None)));
    }

    /// <summary>A fresh channel name, unique within this test instance.</summary>
    protected string NewName() => $"conformance-{Interlocked.Increment(ref _nextChannel)}";

    private async Task<(ISegmentChannels Channels, string Name)> CreateChannelAsync()
    {
        var channels = CreateChannels();
        var name = NewName();
        await Within(channels.CreateChannelAsync(name, MediaContentTypes.MpegTs, CancellationToken.None));
        return (channels, name);
    }

    private async Task AssertReceives(ISegmentSubscriber subscriber, IReadOnlyList<byte[]> payloads, long firstSequence)
    {
        for (var i = 0; i < payloads.Count; i++)
        {
            var segment = await Within(subscriber.NextSegmentAsync(CancellationToken.None));
            Assert.NotNull(segment);
            await using (segment)
            {
                Assert.Equal(firstSequence + i, segment.Sequence);
                Assert.Equal(payloads[i], await Within(segment.ReadAllAsync(MaxSegmentBytes, CancellationToken.None)));
            }
        }
    }

    private static async ValueTask ReadExactlyAsync(Stream stream, Memory<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new EndOfStreamException("The segment ended early.");
            }

            buffer = buffer[read..];
        }
    }

    private static byte[] Payload(int seed, int length) =>
        [.. Enumerable.Range(0, length).Select(i => (byte)((seed * 31) + (i * 7)))];
}
