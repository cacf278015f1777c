using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Client;

namespace Livepeer.Plugins.Trickle.Tests.Client;

/// <summary>
/// An <see cref="ISegmentChannels"/> for the conformance kit whose publishers and subscribers come from
/// <see cref="ISegmentChannelClients"/> by URL (HTTP, or the fast path); channels are created on the server.
/// </summary>
internal sealed class UrlSegmentChannels : ISegmentChannels
{
    private readonly TlsTrickleServer _server;
    private readonly TrickleChannelClients _clients;
    private readonly string _prefix = "u" + Guid.NewGuid().ToString("N")[..8] + "-"; // tests share one server

    public UrlSegmentChannels(TlsTrickleServer server, TrickleChannelClients clients)
    {
        _server = server;
        _clients = clients;
    }

    public string Name => "trickle-url";

    public async ValueTask<SegmentChannelInfo> CreateChannelAsync(string name, string mimeType, CancellationToken cancellationToken) =>
        (await _server.Channels.CreateChannelAsync(_prefix + name, mimeType, cancellationToken)) with { Name = name, Url = null };

    public async ValueTask<bool> DeleteChannelAsync(string name, CancellationToken cancellationToken) =>
        await _clients.DeleteChannelAsync(_server.Url(_prefix + name), cancellationToken);

    public SegmentChannelInfo? GetChannel(string name) => _server.Channels.GetChannel(_prefix + name) is { } info ? info with { Name = name, Url = null } : null;

    public ISegmentPublisher OpenPublisher(string name) => _clients.OpenPublisher(Require(name), "video/MP2T");

    public ISegmentSubscriber OpenSubscriber(string name, long startSequence = SegmentChannelInfo.NextSegment)
    {
        var url = Require(name);
        var request = $"GET {url.AbsolutePath}/{startSequence} ";
        var before = _server.Count(request);
        var subscriber = _clients.OpenSubscriber(url, startSequence);
        if (subscriber is TrickleSubscriber)
        {
            // In process -1/-2 resolve when opened; over HTTP when the first GET lands, so wait for it to land.
            SpinWait.SpinUntil(() => _server.Count(request) > before, TimeSpan.FromSeconds(5));
            Thread.Sleep(10);
        }

        return subscriber;
    }

    // The kit expects unknown names to be refused when opened; over a URL that surfaces later (404).
    private Uri Require(string name) =>
        _server.Channels.GetChannel(_prefix + name) is null ? throw new SegmentChannelNotFoundException($"No channel '{name}'.") : _server.Url(_prefix + name);
}
