using System.Text.Json;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Hls.Tests;

/// <summary>
/// The conformance kit's plugin facts against <see cref="HlsPlugin"/>. HLS is a pull-only egress, so the kit's
/// push-oriented EgressConformanceTests do not apply; the pull-only contract is tested here instead.
/// </summary>
public sealed class HlsPluginConformanceTests : PluginConformanceTests<HlsPlugin>
{

    protected override IServiceProvider? BuildServiceProvider(IServiceCollection services) => services.BuildServiceProvider();

    [Fact]
    public async Task Egress_is_pull_only()
    {
        await using var server = await HlsServer.StartAsync();
        var egress = server.Egress;
        Assert.Equal("hls", egress.Name);
        var endpoint = Assert.Single(egress.Endpoints);
        Assert.True(endpoint.IsAbsoluteUri);
        Assert.Equal(new Uri(server.BaseUri, "/stream/"), endpoint);
        foreach (var target in new[] { new Uri("rtmp://example/live/key"), new Uri("http://example/stream/x.m3u8"), new Uri("gopher://x") })
        {
            Assert.False(egress.CanPush(target));
            await Assert.ThrowsAsync<NotSupportedException>(async () => await egress.PushAsync(new EgressRequest("x", target), CancellationToken.None));
        }
    }
}
