using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Byoc.Registry;
using Livepeer.Plugins.Byoc.Worker;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Orchestrator;

/// <summary>
/// Ends streams, on every path the same way: removed from the table (once), the capability stopped, the
/// channels deleted, the capacity returned. Whoever removes the stream from the table does the rest, so
/// a client stop racing the monitor cannot stop a stream twice or leak anything.
/// </summary>
internal sealed class StreamLifecycle(StreamTable streams, CapabilityRegistry registry, ISegmentChannels? channels, ILogger logger)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    public StreamTable Streams => streams;

    /// <summary>
    /// Ends <paramref name="stream"/>; returns false when someone else already did. A worker error on stop
    /// is returned (not thrown) so the client stop can pass it on; everything is released either way.
    /// </summary>
    public async Task<(bool Ended, Exception? StopError)> EndAsync(ActiveStream stream, string reason, string? stopBody, bool stopCapability)
    {
        if (!streams.TryRemove(stream))
        {
            return (false, null);
        }

        Exception? stopError = null;
        try
        {
            if (stream.Session is { } session)
            {
                if (stopCapability)
                {
                    using var deadline = new CancellationTokenSource(StopTimeout);
                    try
                    {
                        await session.StopAsync(stopBody, deadline.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is WorkerCallException or WorkerUnavailableException or OperationCanceledException or InvalidOperationException)
                    {
                        stopError = e;
                        ByocLog.StopFailed(logger, stream.Id, e);
                        if (e is WorkerCallException { IsUnauthorized: true })
                        {
                            registry.Unregister(stream.Capability);
                        }
                    }
                }

                try
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is WorkerCallException or WorkerUnavailableException or OperationCanceledException or InvalidOperationException)
                {
                    ByocLog.StopFailed(logger, stream.Id, e);
                }
            }
        }
        finally
        {
            await DeleteChannelsAsync(stream.Channels).ConfigureAwait(false);
            stream.Lease.Dispose();
            ByocLog.StreamEnded(logger, stream.Id, reason);
        }

        return (true, stopError);
    }

    public async Task DeleteChannelsAsync(IEnumerable<string> names)
    {
        if (channels is null)
        {
            return;
        }

        foreach (var name in names.ToList())
        {
            try
            {
                await channels.DeleteChannelAsync(name, CancellationToken.None).ConfigureAwait(false);
            }
            catch (SegmentChannelException)
            {
                // Already gone or refused: nothing more to release.
            }
        }
    }
}
