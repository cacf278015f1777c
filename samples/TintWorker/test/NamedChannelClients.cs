using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;

namespace Livepeer.Samples.TintWorker.Tests;

/// <summary>Trickle URLs mapped onto in-memory channels by their last path segment (<c>…/ai/trickle/s1-out</c> → <c>s1-out</c>).</summary>
internal sealed class NamedChannelClients(InMemorySegmentChannels channels) : ISegmentChannelClients
{
    public string Name => "named";

    public ISegmentPublisher OpenPublisher(Uri channelUrl, string mimeType) => channels.OpenPublisher(NameOf(channelUrl));

    public ISegmentSubscriber OpenSubscriber(Uri channelUrl, long startSequence = SegmentChannelInfo.NextSegment) =>
        channels.OpenSubscriber(NameOf(channelUrl), startSequence);

    public ValueTask<bool> DeleteChannelAsync(Uri channelUrl, CancellationToken cancellationToken) =>
        channels.DeleteChannelAsync(NameOf(channelUrl), cancellationToken);

    private static string NameOf(Uri url) => url.Segments[^1].TrimEnd('/');
}
