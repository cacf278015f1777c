using System.Threading.Channels;
using Livepeer.Abstractions.Channels;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>One data line and its number (the Server-Sent-Events <c>id</c>).</summary>
internal readonly record struct DataLine(long Id, string Json);

/// <summary>
/// A stream's data output (<c>{id}-data</c>, JSON lines) for Server-Sent-Events readers: the last
/// <see cref="GatewayOptions.DataBufferLines"/> lines are kept, so a reader that connects (or reconnects with
/// <c>Last-Event-ID</c>) gets what it missed, then each new line; at most <see cref="GatewayOptions.MaxDataReaders"/>
/// readers, each with a bounded queue that drops its oldest line when the reader is slow. The feed outlives orchestrator
/// swaps: each attempt's data channel is read into it (<see cref="FollowAsync"/>).
/// </summary>
internal sealed class DataFeed(int bufferLines, int maxReaders, StreamCounters counters)
{
    private readonly Lock _lock = new();
    private readonly Queue<DataLine> _ring = new();
    private readonly List<Channel<DataLine>> _readers = [];
    private long _last;
    private bool _ended;

    /// <summary>Lines received so far.</summary>
    public long Lines => Interlocked.Read(ref _last);

    public int Readers
    {
        get
        {
            lock (_lock)
            {
                return _readers.Count;
            }
        }
    }

    public void Add(string json)
    {
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            var line = new DataLine(++_last, json);
            _ring.Enqueue(line);
            while (_ring.Count > bufferLines)
            {
                _ring.Dequeue();
            }

            foreach (var reader in _readers)
            {
                reader.Writer.TryWrite(line);
            }
        }
    }

    /// <summary>A reader of the lines after <paramref name="afterId"/> (all that are kept when <c>null</c>); <c>null</c> when there are <c>maxReaders</c> already.</summary>
    public ChannelReader<DataLine>? Open(long? afterId)
    {
        var channel = Channel.CreateBounded<DataLine>(new BoundedChannelOptions(bufferLines) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            if (_readers.Count >= maxReaders)
            {
                return null;
            }

            foreach (var line in _ring.Where(l => afterId is null || l.Id > afterId))
            {
                channel.Writer.TryWrite(line);
            }

            if (_ended)
            {
                channel.Writer.TryComplete();
            }

            _readers.Add(channel);
        }

        counters.Open(StreamResource.DataReaders);
        return channel.Reader;
    }

    public void Close(ChannelReader<DataLine> reader)
    {
        lock (_lock)
        {
            if (_readers.RemoveAll(c => c.Reader == reader) == 0)
            {
                return;
            }
        }

        counters.Close(StreamResource.DataReaders);
    }

    /// <summary>The stream ended: readers drain what they have and then see the end.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _ended = true;
            foreach (var reader in _readers)
            {
                reader.Writer.TryComplete();
            }
        }
    }

    /// <summary>
    /// Reads an orchestrator's data channel into the feed until it ends; returns why. A malformed or oversized line
    /// loses the rest of its segment (logged by the caller through the exception), not the channel.
    /// </summary>
    public async Task<string> FollowAsync(ISegmentSubscriber subscriber, int maxLineBytes, Action<string> unreadable, CancellationToken cancellationToken)
    {
        while (await subscriber.NextSegmentAsync(cancellationToken).ConfigureAwait(false) is { } segment)
        {
            await using (segment.ConfigureAwait(false))
            {
                try
                {
                    await foreach (var line in segment.ReadJsonLinesAsync(cancellationToken, maxLineBytes).ConfigureAwait(false))
                    {
                        Add(line.GetRawText());
                    }
                }
                catch (SegmentJsonException e)
                {
                    unreadable(e.Message);
                }
                catch (IOException e)
                {
                    unreadable(e.Message); // the connection broke mid-segment; the next segment still comes
                }
            }
        }

        return "the orchestrator closed the data channel";
    }
}
