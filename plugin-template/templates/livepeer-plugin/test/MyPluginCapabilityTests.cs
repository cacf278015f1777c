using System.Text;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Orchestrators;

namespace MyPlugin.Tests;

/// <summary>The conformance kit's BYOC facts, plus what this capability does with jobs and streams.</summary>
public sealed class MyPluginCapabilityTests : ByocCapabilityConformanceTests
{
    private static readonly ByocCapabilityInfo Info = new(MyPluginPlugin.ExtensionName, 2, new Price(0, 1));

    protected override IByocCapability CreateCapability(ISegmentChannels channels) => new MyPluginCapability(Info, channels);

    protected override ByocJobRequest CreateSampleJob() =>
        new("job-1", "", "text/plain", new MemoryStream(Encoding.UTF8.GetBytes("hello")));

    [Theory]
    [InlineData("hello", "olleh")]
    [InlineData("", "")]
    [InlineData("ae\u0301!", "!e\u0301a")]
    public async Task JobReversesText(string input, string expected)
    {
        var capability = CreateCapability(CreateChannels());

        var response = await capability.ProcessJobAsync(new ByocJobRequest("job", "", "text/plain", new MemoryStream(Encoding.UTF8.GetBytes(input))), CancellationToken.None);

        await using (response.Body)
        {
            Assert.Equal(200, response.StatusCode);
            using var reader = new StreamReader(response.Body, Encoding.UTF8);
            Assert.Equal(expected, await reader.ReadToEndAsync());
        }
    }

    [Fact]
    public async Task JobRefusesBytesThatAreNotText()
    {
        var response = await CreateCapability(CreateChannels()).ProcessJobAsync(new ByocJobRequest("job", "", null, new MemoryStream([0xC3, 0x28])), CancellationToken.None);
        await using (response.Body)
        {
            Assert.Equal(400, response.StatusCode);
        }
    }

    [Fact]
    public async Task StreamCopiesInputToOutputAndReportsEvents()
    {
        var channels = new InMemorySegmentChannels();
        var request = await CreateStreamRequestAsync(channels, "copy-check");
        await using var output = channels.OpenSubscriber(request.Channels.Publish!.Name, 0);
        await using var events = channels.OpenSubscriber(request.Channels.Events.Name, 0);

        var session = await CreateCapability(channels).StartStreamAsync(request, CancellationToken.None);
        await using (session)
        {
            await using (var input = channels.OpenPublisher(request.Channels.Subscribe!.Name))
            {
                await input.WriteSegmentAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);
            }

            var copied = await output.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
            Assert.NotNull(copied);
            await using (copied)
            {
                Assert.Equal([1, 2, 3], await copied.ReadAllAsync(100, CancellationToken.None));
            }

            await session.StopAsync("done", CancellationToken.None);
        }

        var started = await events.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
        Assert.NotNull(started);
        await using (started)
        {
            Assert.Contains("\"started\"", Encoding.UTF8.GetString(await started.ReadAllAsync(4096, CancellationToken.None)), StringComparison.Ordinal);
        }
    }
}
