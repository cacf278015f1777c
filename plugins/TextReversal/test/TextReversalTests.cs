using System.Text;
using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.TextReversal.Tests;

public sealed class TextReversalPluginConformanceTests : PluginConformanceTests<TextReversalPlugin>
{
    protected override IServiceProvider? BuildServiceProvider(IServiceCollection services) => services.BuildServiceProvider();
}

public sealed class TextReversalCapabilityConformanceTests : ByocCapabilityConformanceTests
{
    protected override IByocCapability CreateCapability(ISegmentChannels channels) =>
        new TextReversalCapability(new ByocCapabilityInfo("text-reversal", 2, Price.Free), channels);

    protected override ByocJobRequest CreateSampleJob() =>
        new("job-1", "", "application/json", new MemoryStream("""{"text":"abc"}"""u8.ToArray()));
}

public sealed class TextReversalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("hello from byoc", "coyb morf olleh")]
    [InlineData("", "")]
    [InlineData("e\u0301a", "ae\u0301")]
    [InlineData("a👍🏽b", "b👍🏽a")]
    public void Reverses_by_text_elements(string text, string reversed) => Assert.Equal(reversed, TextReversalCapability.Reverse(text));

    [Fact]
    public async Task A_stream_answers_text_on_control_with_original_and_reversed_on_events_and_ignores_keepalives()
    {
        var channels = new InMemorySegmentChannels();
        var capability = new TextReversalCapability(new ByocCapabilityInfo("text-reversal", 1, Price.Free), channels);
        var control = await channels.CreateChannelAsync("s-control", "application/json", CancellationToken.None);
        var events = await channels.CreateChannelAsync("s-events", "application/json", CancellationToken.None);
        var request = new ByocStreamRequest("s", "s", new ByocStreamChannels(new ChannelEndpoint(control.Name, new Uri("memory://c")), new ChannelEndpoint(events.Name, new Uri("memory://e"))), "{}");

        await using var session = await capability.StartStreamAsync(request, CancellationToken.None);
        await using var reader = channels.OpenSubscriber("s-events", 0);
        await using var writer = channels.OpenPublisher("s-control");
        await writer.WriteJsonSegmentAsync(new { keep = "alive" }, CancellationToken.None);
        await writer.WriteSegmentAsync("not json"u8.ToArray(), CancellationToken.None);
        await writer.WriteJsonSegmentAsync(new { text = "hello from byoc" }, CancellationToken.None);

        var segment = await reader.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
        Assert.NotNull(segment);
        await using (segment)
        {
            var json = await segment!.ReadJsonAsync(CancellationToken.None);
            Assert.Equal("hello from byoc", json!.Value.GetProperty("original").GetString());
            Assert.Equal("coyb morf olleh", json.Value.GetProperty("reversed").GetString());
        }

        Assert.Equal(1, capability.Running);
        await session.StopAsync(null, CancellationToken.None).AsTask().WaitAsync(Timeout);
        Assert.Equal(0, capability.Running);
    }

    [Fact]
    public async Task Deleting_the_control_channel_ends_the_stream_and_frees_its_place()
    {
        var channels = new InMemorySegmentChannels();
        var capability = new TextReversalCapability(new ByocCapabilityInfo("text-reversal", 1, Price.Free), channels);
        await channels.CreateChannelAsync("d-control", "application/json", CancellationToken.None);
        await channels.CreateChannelAsync("d-events", "application/json", CancellationToken.None);
        var request = new ByocStreamRequest("d", "d", new ByocStreamChannels(new ChannelEndpoint("d-control", new Uri("memory://c")), new ChannelEndpoint("d-events", new Uri("memory://e"))), "{}");
        var session = await capability.StartStreamAsync(request, CancellationToken.None);

        await channels.DeleteChannelAsync("d-control", CancellationToken.None);
        await session.Completion.WaitAsync(Timeout);
        Assert.Equal(0, capability.Running);
        await session.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"text":"abc"}""", 200, """{"original":"abc","reversed":"cba"}""")]
    [InlineData("""{"txt":"abc"}""", 400, null)]
    [InlineData("""[1,2]""", 400, null)]
    [InlineData("""{"text":""", 400, null)]
    [InlineData("\u0000\u0001garbage", 400, null)]
    public async Task Batch_jobs_reverse_a_text_body_and_refuse_anything_else(string body, int status, string? expected)
    {
        var capability = new TextReversalCapability(new ByocCapabilityInfo("text-reversal", 1, Price.Free), null);
        var response = await capability.ProcessJobAsync(new ByocJobRequest("j", "", "application/json", new MemoryStream(Encoding.UTF8.GetBytes(body))), CancellationToken.None);
        Assert.Equal(status, response.StatusCode);
        var text = await new StreamReader(response.Body).ReadToEndAsync();
        if (expected is not null)
        {
            Assert.Equal(expected, text);
        }
        else
        {
            Assert.Contains("error", JsonDocument.Parse(text).RootElement.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task A_huge_batch_body_is_refused_without_reading_it_all()
    {
        var capability = new TextReversalCapability(new ByocCapabilityInfo("text-reversal", 1, Price.Free), null);
        var huge = new MemoryStream(new byte[TextReversalCapability.MaxMessageBytes * 4]);
        var response = await capability.ProcessJobAsync(new ByocJobRequest("j", "", "application/json", huge), CancellationToken.None);
        Assert.Equal(400, response.StatusCode);
        Assert.True(huge.Position <= TextReversalCapability.MaxMessageBytes + (64 * 1024), $"read {huge.Position} bytes");
    }

    [Fact]
    public void Registers_only_on_orchestrators_and_validates_its_settings()
    {
        var manifest = new PluginManifest("TextReversal", "1.0.0", "Livepeer.Plugins.TextReversal.dll", "1.0");
        var gateway = new ServiceCollection();
        new TextReversalPlugin().Register(gateway, new PluginContext(manifest, InMemoryConfiguration.Empty, AppContext.BaseDirectory, NodeRoles.Gateway));
        Assert.Empty(gateway);

        var bad = new InMemoryConfiguration(new Dictionary<string, string?> { ["Capacity"] = "0", ["PricePerSecond"] = "-1" });
        var error = Assert.Throws<InvalidOperationException>(() => new TextReversalPlugin().Register(new ServiceCollection(), new PluginContext(manifest, bad, AppContext.BaseDirectory, NodeRoles.Orchestrator)));
        Assert.Contains("Capacity", error.Message, StringComparison.Ordinal);
        Assert.Contains("PricePerSecond", error.Message, StringComparison.Ordinal);
    }
}
