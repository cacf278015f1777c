using System.Text;
using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Orchestrators;

namespace MyPlugin.Tests;

/// <summary>The conformance kit's BYOC facts, plus what this capability does with control messages, video and jobs.</summary>
public sealed class MyPluginCapabilityTests : ByocCapabilityConformanceTests
{
    private static readonly ByocCapabilityInfo Info = new(MyPluginPlugin.ExtensionName, 2, new Price(0, 1));

    protected override IByocCapability CreateCapability(ISegmentChannels channels) => new MyPluginCapability(Info, channels);

    protected override ByocJobRequest CreateSampleJob() =>
        new("job-1", "", "application/json", new MemoryStream("""{"text":"hello"}"""u8.ToArray()));

    private async Task<JsonElement> NextEventAsync(ISegmentSubscriber events)
    {
        var segment = await events.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
        Assert.NotNull(segment);
        await using (segment)
        {
            return (await segment.ReadJsonAsync(CancellationToken.None))!.Value;
        }
    }

    [Theory]
    [InlineData("hello from byoc", "coyb morf olleh")]
    [InlineData("", "")]
    [InlineData("ae\u0301!", "!e\u0301a")]
    [InlineData("a👍🏽b", "b👍🏽a")]
    public void ReversesByTextElements(string text, string reversed) => Assert.Equal(reversed, MyPluginCapability.Reverse(text));

    [Fact]
    public async Task StreamAnswersTextOnControlWithOriginalAndReversedEvents()
    {
        var channels = new InMemorySegmentChannels();
        var capability = new MyPluginCapability(Info, channels);
        var request = await CreateStreamRequestAsync(channels, "text-check");
        await using var events = channels.OpenSubscriber(request.Channels.Events.Name, 0);

        var session = await capability.StartStreamAsync(request, CancellationToken.None);
        await using (session)
        {
            Assert.Equal("stream_started", (await NextEventAsync(events)).GetProperty("type").GetString());
            await using (var control = channels.OpenPublisher(request.Channels.Control.Name))
            {
                await control.WriteJsonSegmentAsync(new { keep = "alive" }, CancellationToken.None);
                await control.WriteSegmentAsync("not json"u8.ToArray(), CancellationToken.None);
                await control.WriteJsonSegmentAsync(new { text = "hello from byoc" }, CancellationToken.None);
            }

            var answer = await NextEventAsync(events);
            Assert.Equal("hello from byoc", answer.GetProperty("original").GetString());
            Assert.Equal("coyb morf olleh", answer.GetProperty("reversed").GetString());

            await session.UpdateParamsAsync("""{"speed":2}""", CancellationToken.None);
            Assert.Equal(2, (await NextEventAsync(events)).GetProperty("params").GetProperty("speed").GetInt32());
            Assert.Equal(1, capability.Running);
            await session.StopAsync("done", CancellationToken.None);
        }

        Assert.Equal("stream_stopped", (await NextEventAsync(events)).GetProperty("type").GetString());
        Assert.Equal(0, capability.Running);
    }

    [Fact]
    public async Task StreamPassesVideoThrough()
    {
        var channels = new InMemorySegmentChannels();
        var request = await CreateStreamRequestAsync(channels, "video-check");
        await using var output = channels.OpenSubscriber(request.Channels.Publish!.Name, 0);

        var session = await CreateCapability(channels).StartStreamAsync(request, CancellationToken.None);
        await using (session)
        {
            await using (var input = channels.OpenPublisher(request.Channels.Subscribe!.Name))
            {
                await input.WriteSegmentAsync(new byte[] { 0x47, 1, 2, 3 }, CancellationToken.None);
                await input.WriteSegmentAsync(new byte[] { 0x47, 4, 5 }, CancellationToken.None);
            }

            foreach (var expected in new byte[][] { [0x47, 1, 2, 3], [0x47, 4, 5] })
            {
                var copied = await output.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
                Assert.NotNull(copied);
                await using (copied)
                {
                    Assert.Equal(expected, await copied.ReadAllAsync(100, CancellationToken.None));
                }
            }
        }
    }

    [Fact]
    public async Task DeletingTheControlChannelEndsTheStreamAndFreesItsPlace()
    {
        var channels = new InMemorySegmentChannels();
        var capability = new MyPluginCapability(Info, channels);
        var request = await CreateStreamRequestAsync(channels, "gone-check");
        var session = await capability.StartStreamAsync(request, CancellationToken.None);

        await channels.DeleteChannelAsync(request.Channels.Control.Name, CancellationToken.None);
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
    public async Task JobsReverseAJsonTextAndRefuseAnythingElse(string body, int status, string? expected)
    {
        var response = await CreateCapability(CreateChannels()).ProcessJobAsync(new ByocJobRequest("job", "", "application/json", new MemoryStream(Encoding.UTF8.GetBytes(body))), CancellationToken.None);
        await using (response.Body)
        {
            Assert.Equal(status, response.StatusCode);
            var text = await new StreamReader(response.Body, Encoding.UTF8).ReadToEndAsync();
            if (expected is not null)
            {
                Assert.Equal(expected, text);
            }
            else
            {
                Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("error", out _), text);
            }
        }
    }

    [Fact]
    public async Task AHugeJobBodyIsRefusedWithoutReadingItAll()
    {
        var huge = new MemoryStream(new byte[MyPluginCapability.MaxMessageBytes * 8]);
        var response = await CreateCapability(CreateChannels()).ProcessJobAsync(new ByocJobRequest("job", "", "application/json", huge), CancellationToken.None);
        await using (response.Body)
        {
            Assert.Equal(400, response.StatusCode);
            Assert.True(huge.Position <= MyPluginCapability.MaxMessageBytes * 2, $"read {huge.Position} of {huge.Length} bytes");
        }
    }
}
