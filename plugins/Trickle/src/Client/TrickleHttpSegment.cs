using Livepeer.Abstractions.Channels;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>One segment read over HTTP: the response body, streamed as the server relays it.</summary>
internal sealed class TrickleHttpSegment : IChannelSegment
{
    private readonly HttpResponseMessage _response;

    public TrickleHttpSegment(long sequence, HttpResponseMessage response, Stream content)
    {
        Sequence = sequence;
        _response = response;
        Content = content;
    }

    public long Sequence { get; }

    /// <summary>The content; a connection lost mid-segment surfaces as an <see cref="IOException"/> from reads.</summary>
    public Stream Content { get; }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }
}
