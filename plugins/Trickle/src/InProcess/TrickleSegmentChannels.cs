using Livepeer.Abstractions;
using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Core;

namespace Livepeer.Plugins.Trickle.InProcess;

/// <summary>
/// The in-process <see cref="ISegmentChannels"/> named <c>trickle</c>: the same channels the HTTP server
/// serves (upstream's <c>TrickleLocalPublisher</c>/<c>TrickleLocalSubscriber</c>), so an in-process publish
/// reaches HTTP subscribers and an HTTP publish reaches in-process subscribers.
/// </summary>
internal sealed class TrickleSegmentChannels : ISegmentChannels
{
    /// <summary>The extension's name in configuration.</summary>
    public const string ExtensionName = "trickle";

    private readonly ChannelRegistry _registry;
    private readonly INodeAddresses? _addresses;

    public TrickleSegmentChannels(ChannelRegistry registry, INodeAddresses? addresses)
    {
        _registry = registry;
        _addresses = addresses;
    }

    public string Name => ExtensionName;

    public ValueTask<SegmentChannelInfo> CreateChannelAsync(string name, string mimeType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(mimeType);
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = _registry.GetOrCreate(name, mimeType, out var channel);
        return outcome switch
        {
            CreateOutcome.InvalidName => throw new SegmentChannelException($"'{name}' is not a valid channel name (one URL path segment, at most {ChannelNames.MaxLength} characters)."),
            CreateOutcome.LimitReached => throw new SegmentChannelException($"The limit of {_registry.Options.MaxChannels} channels is reached."),
            _ => ValueTask.FromResult(Describe(channel!)),
        };
    }

    public ValueTask<bool> DeleteChannelAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_registry.Delete(name));
    }

    public SegmentChannelInfo? GetChannel(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _registry.Find(name) is { } channel ? Describe(channel) : null;
    }

    public ISegmentPublisher OpenPublisher(string name) => new InProcessPublisher(Require(name), _registry);

    public ISegmentSubscriber OpenSubscriber(string name, long startSequence = SegmentChannelInfo.NextSegment)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(startSequence, SegmentChannelInfo.CurrentSegment);
        return new InProcessSubscriber(Require(name), startSequence, _registry.Counters);
    }

    private TrickleChannel Require(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _registry.Find(name) ?? throw new SegmentChannelNotFoundException($"No trickle channel '{name}'.");
    }

    // Url = the service listener's public base + the base path + the escaped name, once the node listens.
    private SegmentChannelInfo Describe(TrickleChannel channel)
    {
        Uri? url = null;
        if (_addresses?.GetBaseUri(NodeListener.Service) is { } service)
        {
            url = new Uri(service, _registry.Options.BasePath + Uri.EscapeDataString(channel.Name));
        }

        return new SegmentChannelInfo(channel.Name, channel.MimeType) { Url = url };
    }
}
