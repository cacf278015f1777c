using System.Net;
using System.Security.Cryptography;

namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>Garbage at the HTTP level: every answer is a 4xx, nothing is left open, the node keeps serving.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task HugeOfferIs413()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        var body = "v=0\r\n" + new string('a', 200_000);
        using var whip = await server.Client.PostAsync("/whip/cam", Offers.Sdp(body));
        using var whep = await server.Client.PostAsync("/whep/cam", Offers.Sdp(body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, whip.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, whep.StatusCode);
    }

    [Fact]
    public async Task HugeChunkedOfferIs413()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        using var content = new StreamContent(new MemoryStream(new byte[1_000_000]));
        content.Headers.ContentType = new("application/sdp");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/whip/cam") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("m=video 9 UDP/TLS/RTP/SAVPF 102")]
    public async Task MalformedSdpIs400(string body)
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        using var whip = await server.Client.PostAsync("/whip/cam", Offers.Sdp(body));
        Assert.Equal(HttpStatusCode.BadRequest, whip.StatusCode);
    }

    [Fact]
    public async Task NonUtf8Is400()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        using var content = new ByteArrayContent([(byte)'v', (byte)'=', (byte)'0', 0xC3, 0x28]);
        content.Headers.ContentType = new("application/sdp");
        using var response = await server.Client.PostAsync("/whip/cam", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/whip/cam/0123456789abcdef")]
    [InlineData("/whep/cam/0123456789abcdef")]
    [InlineData("/live/video-to-video/cam/whip/nothing")]
    public async Task DeleteOfAnUnknownSessionIs404(string path)
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        using var response = await server.Client.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ASessionIsDeletedOnlyUnderItsOwnStream()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        using var created = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        var id = created.Headers.Location!.Segments[^1];
        using var wrong = await server.Client.DeleteAsync($"/whip/other/{id}");
        using var asWhep = await server.Client.DeleteAsync($"/whep/cam/{id}");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asWhep.StatusCode);
        Assert.Equal(1, server.Sessions.Count);
    }

    [Theory]
    [InlineData("/whip/..%2Fetc")]
    [InlineData("/whip/a%20b")]
    [InlineData("/whip/.hidden")]
    public async Task BadStreamNamesAre4xx(string path)
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        using var response = await server.Client.PostAsync(path, Offers.Sdp(Offers.VideoAndAudio));
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Empty(server.Hub.ActiveStreams);
    }

    /// <summary>Fuzz-ish: mutations of a valid offer and random bytes, seeded; every answer is 201 or 4xx and nothing leaks.</summary>
    [Fact]
    public async Task MutatedOffersNeverCrashOrLeak()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack, new() { ["WhepOutputTimeout"] = "100ms" });
        var random = new Random(9725);
        var valid = System.Text.Encoding.UTF8.GetBytes(Offers.VideoAndAudio);
        for (var i = 0; i < 150; i++)
        {
            byte[] body = (i % 3) switch
            {
                0 => valid[..random.Next(valid.Length)],
                1 => Mutate(valid, random),
                _ => RandomNumberGenerator.GetBytes(random.Next(1, 4096)),
            };
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/sdp");
            var path = i % 2 == 0 ? "/whip/fuzz" : "/whep/fuzz";
            using var response = await server.Client.PostAsync(path, content);
            Assert.True(response.StatusCode is HttpStatusCode.Created or (>= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError), $"{path}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                using var deleted = await server.Client.DeleteAsync(response.Headers.Location);
            }
        }

        await WebRtcServer.EventuallyAsync(() => server.Sessions.Count == 0, "all sessions closed");
        Assert.Empty(server.Hub.ActiveStreams);
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var copy = (byte[])valid.Clone();
        for (var j = 0; j < 8; j++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }
}
