using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance;
using Livepeer.Plugins.Trickle.Client;
using Livepeer.Plugins.Trickle.InProcess;

namespace Livepeer.Plugins.Trickle.Tests.Client;

/// <summary>One TLS server (HTTP/2) shared by a conformance class.</summary>
public sealed class TlsServerFixture : IAsyncLifetime
{
    internal TlsTrickleServer Server { get; private set; } = null!;

    internal TrickleChannelClients Http { get; } = TlsTrickleServer.HttpClients();

    public async Task InitializeAsync() => Server = await TlsTrickleServer.StartAsync();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>The segment-channel kit through the HTTP clients over TLS + HTTP/2 against the plugin's server.</summary>
[Collection(ClientTestCollection.Name)]
public sealed class HttpClientConformanceTests : SegmentChannelsConformanceTests, IClassFixture<TlsServerFixture>
{
    private readonly TlsServerFixture _fixture;

    public HttpClientConformanceTests(TlsServerFixture fixture)
    {
        _fixture = fixture;
    }

    protected override ISegmentChannels CreateChannels() => new UrlSegmentChannels(_fixture.Server, _fixture.Http);

    [Fact]
    public async Task Clients_are_http_and_talk_http2()
    {
        var url = await _fixture.Server.CreateAsync("h2-check");
        Assert.False(_fixture.Http.IsLocal(url));
        await using var publisher = _fixture.Http.OpenPublisher(url, "video/MP2T");
        Assert.IsType<TricklePublisher>(publisher);
        await publisher.WriteSegmentAsync(new byte[] { 1, 2, 3 }, CancellationToken.None);
        Assert.Contains(_fixture.Server.Requests.ToArray(), r => r == "POST /ai/trickle/h2-check/0 HTTP/2");
    }
}

/// <summary>The same kit through the plugin's own clients for its own URLs: the in-process fast path behaves as HTTP does.</summary>
[Collection(ClientTestCollection.Name)]
public sealed class FastPathConformanceTests : SegmentChannelsConformanceTests, IClassFixture<TlsServerFixture>
{
    private readonly TlsServerFixture _fixture;

    public FastPathConformanceTests(TlsServerFixture fixture)
    {
        _fixture = fixture;
    }

    protected override ISegmentChannels CreateChannels() => new UrlSegmentChannels(_fixture.Server, _fixture.Server.LocalClients);

    [Fact]
    public async Task Own_urls_skip_http()
    {
        var url = await _fixture.Server.CreateAsync("fast-check");
        var clients = _fixture.Server.LocalClients;
        Assert.True(clients.IsLocal(url));
        Assert.False(clients.IsLocal(new Uri(url.AbsoluteUri.Replace("127.0.0.1", "localhost", StringComparison.Ordinal))));
        Assert.False(clients.IsLocal(_fixture.Server.Url("missing"))); // a missing channel goes over HTTP and fails as remote ones do
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        await using var subscriber = clients.OpenSubscriber(url, 0);
        Assert.IsType<InProcessPublisher>(publisher);
        Assert.IsType<InProcessSubscriber>(subscriber);
        await publisher.WriteSegmentAsync(new byte[] { 9 }, CancellationToken.None);
        Assert.DoesNotContain(_fixture.Server.Requests.ToArray(), r => r.Contains("fast-check", StringComparison.Ordinal));
    }
}
