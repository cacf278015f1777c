using System.Text;
using System.Threading.Channels;
using Livepeer.Abstractions.Channels;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// One attempt's control channel (<c>{id}-control</c>, gateway → worker, one JSON document per segment; go-livepeer
/// <c>startControlPublish</c>): the stream's params first (so a worker taken over after a swap gets the latest ones),
/// then every update, and <c>{"keep":"alive"}</c> every <see cref="GatewayOptions.KeepAliveInterval"/> on the injected clock.
/// </summary>
internal sealed class ControlChannel : IAsyncDisposable
{
    /// <summary>Upstream's keep-alive message.</summary>
    public const string KeepAlive = """{"keep":"alive"}""";

    private readonly ISegmentPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly TimeSpan _keepAlive;
    private readonly StreamCounters _counters;
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private long _sent;

    public ControlChannel(ISegmentPublisher publisher, string? initialParams, TimeProvider time, TimeSpan keepAlive, StreamCounters counters)
    {
        _publisher = publisher;
        _time = time;
        _keepAlive = keepAlive;
        _counters = counters;
        counters.Open(StreamResource.ChannelPublishers);
        if (initialParams is not null)
        {
            _queue.Writer.TryWrite(initialParams);
        }
    }

    /// <summary>Messages written so far (params, updates and keep-alives).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Queues one JSON document.</summary>
    public void Send(string json) => _queue.Writer.TryWrite(json);

    /// <summary>Writes until cancelled; returns why the channel failed.</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_keepAlive, _time);
        var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
        var next = _queue.Reader.WaitToReadAsync(cancellationToken).AsTask();
        try
        {
            while (true)
            {
                await Task.WhenAny(tick, next).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (next.IsCompleted)
                {
                    if (!await next.ConfigureAwait(false))
                    {
                        return "the control channel was closed";
                    }

                    while (_queue.Reader.TryRead(out var message))
                    {
                        await WriteAsync(message, cancellationToken).ConfigureAwait(false);
                    }

                    next = _queue.Reader.WaitToReadAsync(cancellationToken).AsTask();
                }

                if (tick.IsCompleted)
                {
                    await tick.ConfigureAwait(false);
                    await WriteAsync(KeepAlive, cancellationToken).ConfigureAwait(false);
                    tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
                }
            }
        }
        catch (SegmentChannelException e)
        {
            return "the control channel failed: " + e.Message;
        }
        finally
        {
            // Observe whichever wait is still pending once the token ends it.
            _ = tick.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            _ = next.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _publisher.DisposeAsync().ConfigureAwait(false);
        _counters.Close(StreamResource.ChannelPublishers);
    }

    private async Task WriteAsync(string json, CancellationToken cancellationToken)
    {
        await _publisher.WriteSegmentAsync(Encoding.UTF8.GetBytes(json), cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _sent);
    }
}
