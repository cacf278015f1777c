using System.Collections.Concurrent;
using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>
/// Follows every stream in the hub (an <see cref="IStreamObserver"/>) and keeps its newest segment, so a WHEP
/// viewer starts at once at the live edge's keyframe instead of waiting for the next segment; and tells waiting
/// WHEP requests when a stream's output appears.
/// </summary>
/// <remarks>
/// The output of stream <c>name</c> is the hub stream <c>name-out</c> when that exists (what a live pipeline
/// publishes, upstream's naming), else the stream <c>name</c> itself (no pipeline: the ingest is the output).
/// </remarks>
internal sealed class StreamOutputs : IStreamObserver
{
    /// <summary>The suffix of a pipeline's output stream (upstream: <c>{stream}-out</c>).</summary>
    public const string OutputSuffix = "-out";

    private readonly ConcurrentDictionary<string, MediaSegment> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StreamDescriptor> _active = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IMediaStreamHub? _hub;

    public IMediaStreamHub? Hub => _hub;

    public void OnStreamStarted(StreamDescriptor descriptor, IMediaStreamHub hub)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(hub);
        _hub = hub;
        var subscription = hub.Subscribe(descriptor.StreamId);
        if (subscription is null)
        {
            return;
        }

        _active[descriptor.StreamId] = descriptor;
        _ = FollowAsync(descriptor.StreamId, subscription);
        Pulse();
    }

    public void OnStreamEnded(StreamDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        _active.TryRemove(descriptor.StreamId, out _);
        _latest.TryRemove(descriptor.StreamId, out _);
        Pulse();
    }

    /// <summary>The hub stream that is <paramref name="name"/>'s output now, or null.</summary>
    public string? OutputOf(string name)
    {
        var output = name + OutputSuffix;
        if (_active.ContainsKey(output))
        {
            return output;
        }

        return _active.ContainsKey(name) ? name : null;
    }

    /// <summary>The newest complete segment of a hub stream, or null.</summary>
    public MediaSegment? Latest(string streamId) => _latest.GetValueOrDefault(streamId);

    public bool IsActive(string streamId) => _active.ContainsKey(streamId);

    /// <summary>
    /// Waits until <paramref name="name"/> has an output with at least one segment; returns the output stream's id,
    /// or null when none appeared within <paramref name="timeout"/> (upstream's WHEP request "hangs" the same way).
    /// </summary>
    public async Task<string?> WaitForOutputAsync(string name, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        while (true)
        {
            var changed = _changed.Task;
            if (OutputOf(name) is { } output && _latest.ContainsKey(output))
            {
                return output;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }
        }
    }

    private async Task FollowAsync(string streamId, IStreamSubscription subscription)
    {
        await using (subscription.ConfigureAwait(false))
        {
            try
            {
                await foreach (var segment in subscription.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    if (!_active.ContainsKey(streamId))
                    {
                        break;
                    }

                    _latest[streamId] = segment;
                    Pulse();
                }
            }
#pragma warning disable CA1031 // a failing subscription only stops the cache of that stream
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void Pulse() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
