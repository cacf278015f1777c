using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Xunit;

namespace Livepeer.Conformance.Tests.Channels;

/// <summary>The kit catches channel providers that break the trickle contract.</summary>
public sealed class BrokenSegmentChannelsTests
{
    [Fact]
    public async Task KitCatchesWholeSegmentBuffering()
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => new Kit(() => new BufferingSegmentChannels()).BytesReachSubscribersBeforeTheSegmentIsComplete());
        Assert.IsType<TimeoutException>(exception);
    }

    [Fact]
    public async Task TheSameFactPassesForTheFaithfulFake() =>
        await new Kit(() => new InMemorySegmentChannels()).BytesReachSubscribersBeforeTheSegmentIsComplete();

    [Fact]
    public async Task KitCatchesASubscriberThatIsNotEndedByDelete() =>
        await Assert.ThrowsAnyAsync<Exception>(() => new Kit(() => new NeverEnding()).DeleteEndsWaitingSubscribers());

    private sealed class Kit(Func<ISegmentChannels> create) : SegmentChannelsConformanceTests
    {
        protected override TimeSpan Timeout => TimeSpan.FromSeconds(1);

        protected override ISegmentChannels CreateChannels() => create();
    }

    /// <summary>Subscribers of a deleted channel wait forever.</summary>
    private sealed class NeverEnding : ISegmentChannels
    {
        private readonly InMemorySegmentChannels _inner = new("never-ending");

        public string Name => _inner.Name;

        public ValueTask<SegmentChannelInfo> CreateChannelAsync(string name, string mimeType, CancellationToken cancellationToken) =>
            _inner.CreateChannelAsync(name, mimeType, cancellationToken);

        public ValueTask<bool> DeleteChannelAsync(string name, CancellationToken cancellationToken) => ValueTask.FromResult(_inner.GetChannel(name) is not null);

        public SegmentChannelInfo? GetChannel(string name) => _inner.GetChannel(name);

        public ISegmentPublisher OpenPublisher(string name) => _inner.OpenPublisher(name);

        public ISegmentSubscriber OpenSubscriber(string name, long startSequence = SegmentChannelInfo.NextSegment) =>
            _inner.OpenSubscriber(name, startSequence);
    }
}
