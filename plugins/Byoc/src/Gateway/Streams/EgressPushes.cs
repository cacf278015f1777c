using Livepeer.Abstractions.Egress;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// Pushes a stream's output to its <c>rtmp_output</c> targets (upstream: one ffmpeg per target) with the node's egress
/// that <see cref="IEgress.CanPush"/> each one (the Rtmp plugin's <c>rtmp</c>). Pushes start with the output's first
/// segment; a push that fails is started again after <see cref="RetryPause"/> while the stream lasts.
/// </summary>
internal sealed class EgressPushes(string streamId, IReadOnlyList<(IEgress Egress, Uri Target)> targets, TimeProvider time, StreamCounters counters, ILogger logger) : IAsyncDisposable
{
    /// <summary>How long a failed push waits before it is tried again.</summary>
    public static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _tasks = [];
    private int _started;
    private int _active;

    /// <summary>Pushes running now.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Starts every push of hub stream <paramref name="outputId"/> (once).</summary>
    public void Start(string outputId)
    {
        if (targets.Count == 0 || Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        lock (_tasks)
        {
            foreach (var (egress, target) in targets)
            {
                _tasks.Add(counters.Run(() => PushAsync(egress, new EgressRequest(outputId, target), _stopping.Token), logger, streamId));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] tasks;
        lock (_tasks)
        {
            tasks = [.. _tasks];
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task PushAsync(IEgress egress, EgressRequest request, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var session = await egress.PushAsync(request, cancellationToken).ConfigureAwait(false);
                counters.Open(StreamResource.EgressSessions);
                Interlocked.Increment(ref _active);
                try
                {
                    await session.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                    return; // the output ended: so did the stream
                }
                finally
                {
                    Interlocked.Decrement(ref _active);
                    await session.DisposeAsync().ConfigureAwait(false);
                    counters.Close(StreamResource.EgressSessions);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                GatewayLog.EgressFailed(logger, streamId, request.Target.ToString(), e);
            }

            await Task.Delay(RetryPause, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
