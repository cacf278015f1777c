using System.Text;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Xunit;

namespace Livepeer.Conformance.Tests.Byoc;

public sealed class EchoCapabilityConformanceTests : ByocCapabilityConformanceTests
{
    protected override IByocCapability CreateCapability(ISegmentChannels channels) => new EchoCapability(channels);

    protected override ByocJobRequest CreateSampleJob() =>
        new("job-1", "", "text/plain", new MemoryStream(Encoding.UTF8.GetBytes("hello")));

    /// <summary>Not a kit fact: the reference capability really echoes, so the kit's channels are wired right.</summary>
    [Fact]
    public async Task EchoCopiesInputToOutput()
    {
        var channels = new InMemorySegmentChannels();
        var capability = new EchoCapability(channels);
        var request = await CreateStreamRequestAsync(channels, "echo-check");
        await using var output = channels.OpenSubscriber(request.Channels.Publish!.Name, 0);

        await using var session = await capability.StartStreamAsync(request, CancellationToken.None);
        await using (var input = channels.OpenPublisher(request.Channels.Subscribe!.Name))
        {
            await input.WriteSegmentAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);
        }

        var segment = await output.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(segment);
        Assert.Equal([1, 2, 3], await segment.ReadAllAsync(100, CancellationToken.None));
    }
}

/// <summary>The kit catches a capability that does not enforce its capacity.</summary>
public sealed class BrokenByocCapabilityTests
{
    [Fact]
    public async Task KitCatchesUnboundedCapacity() =>
        await Assert.ThrowsAnyAsync<Exception>(() => new Kit().CapacityIsEnforced());

    private sealed class Kit : ByocCapabilityConformanceTests
    {
        protected override IByocCapability CreateCapability(ISegmentChannels channels) => new Unbounded(new EchoCapability(channels, capacity: 1000));

        protected override ByocJobRequest CreateSampleJob() => new("job", "", null, new MemoryStream([1]));
    }

    private sealed class Unbounded(IByocCapability inner) : IByocCapability
    {
        public string Name => inner.Name;

        public ByocCapabilityInfo Info => inner.Info with { Capacity = 1 };

        public ValueTask<ByocJobResponse> ProcessJobAsync(ByocJobRequest request, CancellationToken cancellationToken) =>
            inner.ProcessJobAsync(request, cancellationToken);

        public ValueTask<IByocStreamSession> StartStreamAsync(ByocStreamRequest request, CancellationToken cancellationToken) =>
            inner.StartStreamAsync(request, cancellationToken);
    }
}
