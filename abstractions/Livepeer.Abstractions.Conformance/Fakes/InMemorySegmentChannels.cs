using System.Collections.Concurrent;
using Livepeer.Abstractions.Channels;

namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>
/// A faithful in-process <see cref="ISegmentChannels"/>: like a trickle server it holds the latest
/// <see cref="SegmentsHeld"/> segments of each channel, and a segment's bytes are visible to subscribers as
/// soon as they are written. Channels have no URL (in-process only).
/// </summary>
public sealed class InMemorySegmentChannels : ISegmentChannels
{
    /// <summary>Segments a channel holds for late or slow subscribers (trickle's ring size).</summary>
    public const int SegmentsHeld = 5;

    private readonly ConcurrentDictionary<string, InMemoryChannel> _channels = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Creates a provider named <paramref name="name"/> that accepts at most <paramref name="maxChannels"/> channels.</summary>
    public InMemorySegmentChannels(string name = "memory", int maxChannels = int.MaxValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChannels);
        Name = name;
        MaxChannels = maxChannels;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The most channels that may exist at once.</summary>
    public int MaxChannels { get; }

    /// <inheritdoc />
    public ValueTask<SegmentChannelInfo> CreateChannelAsync(string name, string mimeType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mimeType);
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
        {
            throw new SegmentChannelException($"'{name}' is not a valid channel name (one URL path segment).");
        }

        lock (_lock)
        {
            if (!_channels.TryGetValue(name, out var channel))
            {
                if (_channels.Count >= MaxChannels)
                {
                    throw new SegmentChannelException($"The limit of {MaxChannels} channels is reached.");
                }

                channel = new InMemoryChannel(name, mimeType);
                _channels[name] = channel;
            }

            return ValueTask.FromResult(Describe(channel));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DeleteChannelAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        cancellationToken.ThrowIfCancellationRequested();
        InMemoryChannel? channel;
        lock (_lock)
        {
            if (!_channels.TryRemove(name, out channel))
            {
                return ValueTask.FromResult(false);
            }
        }

        channel.Close();
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public SegmentChannelInfo? GetChannel(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _channels.TryGetValue(name, out var channel) ? Describe(channel) : null;
    }

    /// <inheritdoc />
    public ISegmentPublisher OpenPublisher(string name) => new InMemorySegmentPublisher(Find(name));

    /// <inheritdoc />
    public ISegmentSubscriber OpenSubscriber(string name, long startSequence = SegmentChannelInfo.NextSegment)
    {
        var channel = Find(name);
        var start = startSequence switch
        {
            SegmentChannelInfo.NextSegment => channel.NextSequence,
            SegmentChannelInfo.CurrentSegment => Math.Max(0, channel.NextSequence - 1),
            < 0 => throw new ArgumentOutOfRangeException(nameof(startSequence), startSequence, "A sequence number, -1 (next) or -2 (current)."),
            _ => startSequence,
        };
        return new InMemorySegmentSubscriber(channel, start);
    }

    private static SegmentChannelInfo Describe(InMemoryChannel channel) => new(channel.Name, channel.MimeType);

    private InMemoryChannel Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _channels.TryGetValue(name, out var channel)
            ? channel
            : throw new SegmentChannelNotFoundException($"No channel named '{name}'.");
    }
}
