using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Media;
using Xunit;

namespace Livepeer.Abstractions.Conformance;

/// <summary>What every <see cref="IByocCapability"/> must do: advertise itself, answer a job, and run streams within its capacity.</summary>
public abstract class ByocCapabilityConformanceTests : ConformanceTestBase
{
    /// <summary>Creates the capability under test; its streams use channels of <paramref name="channels"/>.</summary>
    protected abstract IByocCapability CreateCapability(ISegmentChannels channels);

    /// <summary>A batch job the capability answers with a 2xx status and a body.</summary>
    protected abstract ByocJobRequest CreateSampleJob();

    /// <summary>The channel provider the streams run on; the default is <see cref="InMemorySegmentChannels"/>.</summary>
    protected virtual ISegmentChannels CreateChannels() => new InMemorySegmentChannels();

    /// <summary>The parameters a stream starts with.</summary>
    protected virtual string StartParamsJson => "{}";

    /// <summary>Parameters the facts update a running stream with.</summary>
    protected virtual string UpdatedParamsJson => """{"conformance":true}""";

    /// <summary>The capability advertises itself under its own name, with room for work and a valid price.</summary>
    [Fact]
    public void InfoDescribesTheCapability()
    {
        var capability = CreateCapability(CreateChannels());

        Assert.False(string.IsNullOrWhiteSpace(capability.Name));
        Assert.Equal(capability.Name, capability.Info.Name);
        Assert.True(capability.Info.Capacity >= 1, $"Capacity is {capability.Info.Capacity}.");
        Assert.NotNull(capability.Info.PricePerSecond);
        Assert.True(capability.Info.PricePerSecond.PricePerUnit >= 0);
        Assert.True(capability.Info.PricePerSecond.PixelsPerUnit > 0);
    }

    /// <summary>The sample job succeeds with a body.</summary>
    [Fact]
    public async Task SampleJobSucceeds()
    {
        var capability = CreateCapability(CreateChannels());

        var response = await Within(capability.ProcessJobAsync(CreateSampleJob(), CancellationToken.None));

        await using (response.Body)
        {
            Assert.InRange(response.StatusCode, 200, 299);
            using var buffer = new MemoryStream();
            await Within(response.Body.CopyToAsync(buffer));
            Assert.True(buffer.Length > 0, "The job's response has no body.");
        }
    }

    /// <summary>A stream starts, takes new parameters while running, stops once and harmlessly twice, and refuses parameters after.</summary>
    [Fact]
    public async Task StreamLifecycle()
    {
        var channels = CreateChannels();
        var capability = CreateCapability(channels);
        var request = await CreateStreamRequestAsync(channels, "conformance-life");

        var session = await Within(capability.StartStreamAsync(request, CancellationToken.None));
        await using (session)
        {
            Assert.Equal(request.StreamId, session.StreamId);
            Assert.False(session.Completion.IsCompleted, "The stream stopped by itself.");

            await Within(session.UpdateParamsAsync(UpdatedParamsJson, CancellationToken.None));

            await Within(session.StopAsync("conformance", CancellationToken.None));
            await Within(session.Completion.ContinueWith(_ => { }, TaskScheduler.Default));
            await Within(session.StopAsync("again", CancellationToken.None));

            await Assert.ThrowsAsync<InvalidOperationException>(
                () => Within(session.UpdateParamsAsync(UpdatedParamsJson, CancellationToken.None)));
        }
    }

    /// <summary>Starting more streams than the capacity fails with <see cref="ByocCapacityException"/>; stopping one frees a place.</summary>
    [Fact]
    public async Task CapacityIsEnforced()
    {
        var channels = CreateChannels();
        var capability = CreateCapability(channels);
        var capacity = capability.Info.Capacity;
        var sessions = new List<IByocStreamSession>();
        try
        {
            for (var i = 0; i < capacity; i++)
            {
                sessions.Add(await Within(capability.StartStreamAsync(await CreateStreamRequestAsync(channels, $"conformance-cap-{i}"), CancellationToken.None)));
            }

            var extra = await CreateStreamRequestAsync(channels, "conformance-cap-extra");
            await Assert.ThrowsAsync<ByocCapacityException>(() => Within(capability.StartStreamAsync(extra, CancellationToken.None)));

            await Within(sessions[0].StopAsync("make room", CancellationToken.None));
            await Within(sessions[0].Completion.ContinueWith(_ => { }, TaskScheduler.Default));
            sessions.Add(await Within(capability.StartStreamAsync(extra, CancellationToken.None)));
        }
        finally
        {
            foreach (var session in sessions)
            {
                await Within(session.DisposeAsync());
            }
        }
    }

    /// <summary>
    /// Creates the channels of a stream on <paramref name="channels"/> the way the orchestrator does
    /// (<c>{id}</c>, <c>{id}-out</c>, <c>{id}-control</c>, <c>{id}-events</c>) and a start request naming them.
    /// </summary>
    protected async Task<ByocStreamRequest> CreateStreamRequestAsync(ISegmentChannels channels, string streamId)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var endpoints = new ByocStreamChannels(
            await EndpointAsync(channels, $"{streamId}-control", MediaContentTypes.Json),
            await EndpointAsync(channels, $"{streamId}-events", MediaContentTypes.Json))
        {
            Subscribe = await EndpointAsync(channels, streamId, MediaContentTypes.MpegTs),
            Publish = await EndpointAsync(channels, $"{streamId}-out", MediaContentTypes.MpegTs),
        };
        return new ByocStreamRequest(streamId, $"req-{streamId}", endpoints, StartParamsJson);
    }

    private async Task<ChannelEndpoint> EndpointAsync(ISegmentChannels channels, string name, string mimeType)
    {
        var info = await Within(channels.CreateChannelAsync(name, mimeType, CancellationToken.None));
        return new ChannelEndpoint(info.Name, info.Url ?? new Uri($"memory://channels/{Uri.EscapeDataString(info.Name)}"));
    }
}
