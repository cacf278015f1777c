using Livepeer.Abstractions.Byoc;

namespace Livepeer.Plugins.Byoc.Worker;

/// <summary>
/// A stream running on an external worker. Updates go to <c>/stream/params</c>, the stop to
/// <c>/stream/stop</c> (once). A 400 from a worker that has no stream any more is benign on stop
/// (pytrickle answers "No active stream to stop").
/// </summary>
internal sealed class ExternalStreamSession(ExternalWorkerCapability capability, string streamId, TimeSpan timeout, WorkerHttp http) : IByocStreamSession
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopped;

    public string StreamId { get; } = streamId;

    public Task Completion => _completion.Task;

    public ExternalWorkerCapability Capability { get; } = capability;

    public async ValueTask UpdateParamsAsync(string paramsJson, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _stopped) != 0)
        {
            throw new InvalidOperationException($"Stream {StreamId} has stopped");
        }

        await http.PostAsync(WorkerHttp.Join(Capability.Url, "stream/params"), StreamId, paramsJson, "application/json", Capability.Token, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the stream on the worker with <paramref name="reason"/> as body (the client's stop body; none when the orchestrator reaps).</summary>
    public async ValueTask StopAsync(string? reason, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            var contentType = reason is not null && reason.TrimStart().StartsWith('{') ? "application/json" : "text/plain";
            await http.PostAsync(WorkerHttp.Join(Capability.Url, "stream/stop"), StreamId, reason, contentType, Capability.Token, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkerCallException e) when (e.StatusCode == 400)
        {
            // Benign: the worker already forgot the stream.
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (WorkerCallException)
        {
            // Disposal only makes sure the stream is stopped; errors were the caller's to see on StopAsync.
        }
        catch (WorkerUnavailableException)
        {
        }
    }
}
