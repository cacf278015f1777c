namespace Livepeer.Plugins.WebRtc.Tests.Browser;

public sealed class SmokeTests
{
    [Fact]
    public async Task ChromiumOffersH264()
    {
        using var pw = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
        });
        var page = await browser.NewPageAsync();
        var sdp = await page.EvaluateAsync<string>(@"async () => {
            const s = await navigator.mediaDevices.getUserMedia({video:true, audio:true});
            const pc = new RTCPeerConnection();
            s.getTracks().forEach(t => pc.addTrack(t, s));
            const o = await pc.createOffer();
            return o.sdp; }");
        Console.WriteLine(sdp);
        Assert.Contains("H264", sdp, StringComparison.Ordinal);
    }
}
