using System.Net;
using Livepeer.Plugins.WebRtc.Tests.Sessions;

namespace Livepeer.Plugins.WebRtc.Tests.Browser;

/// <summary>The gateway's page in a real Chromium: it loads, lists streams, and its publish button sends Chromium's real offer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task ThePagePublishesChromiumsCameraOfferOverWhip()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseUri, "/webrtc/cam").ToString());
        Assert.Equal("Stream cam", await page.TextContentAsync("#title"));

        // The fake stack's answer is not a usable SDP, so the page stops after the POST; what matters is what it sent.
        await page.EvaluateAsync("() => window.lp.publish().catch(e => String(e))");
        await WebRtcServer.EventuallyAsync(() => !stack.Publishers.IsEmpty, "Chromium's WHIP POST");
        Assert.Contains("H264/90000", stack.LastOffer, StringComparison.Ordinal);
        Assert.Contains("opus/48000/2", stack.LastOffer, StringComparison.Ordinal);
        Assert.Contains("a=sendonly", stack.LastOffer, StringComparison.Ordinal);
        Assert.Equal(1, server.Sessions.Count);
        Assert.Equal("whip", server.Hub.ActiveStreams[0].Protocol);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheIndexListsActiveStreams()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        await using var publication = await server.Hub.PublishAsync(new Abstractions.Media.StreamDescriptor("listed", "rtmp"), CancellationToken.None);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseUri, "/webrtc/").ToString());
        await page.WaitForSelectorAsync("#streams a");
        Assert.Equal("listed (rtmp)", await page.TextContentAsync("#streams a"));
        Assert.Equal("/webrtc/listed", await page.GetAttributeAsync("#streams a", "href"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ThePageAndScriptAreServedWithoutExternalReferences()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        var html = await server.Client.GetStringAsync("/webrtc/");
        var script = await server.Client.GetStringAsync("/webrtc/webrtc.js");
        Assert.DoesNotContain("http://", html + script, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html + script, StringComparison.Ordinal);
        using var bare = await server.Client.GetAsync("/webrtc");
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        using var invalid = await server.Client.GetAsync("/webrtc/.x");
        Assert.Equal(HttpStatusCode.NotFound, invalid.StatusCode);
    }
}
