using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>What the gateway's streams hold open, counted as it is opened and released (leak accounting).</summary>
internal enum StreamResource
{
    /// <summary>Streams in the table (starting, running or ending).</summary>
    Streams,

    /// <summary>Orchestrator attempts alive (one per stream at most).</summary>
    Sessions,

    /// <summary>Background tasks running (relays, readers, timers, pushes).</summary>
    Tasks,

    /// <summary>Trickle publishers open (video in, control).</summary>
    ChannelPublishers,

    /// <summary>Trickle subscribers open (video out, events, data).</summary>
    ChannelSubscribers,

    /// <summary>Hub subscriptions to ingest streams.</summary>
    HubSubscriptions,

    /// <summary>Hub publications of <c>{id}-out</c>.</summary>
    HubPublications,

    /// <summary>Egress pushes of <c>{id}-out</c> (<c>rtmp_output</c>).</summary>
    EgressSessions,

    /// <summary>Server-Sent-Events readers of <c>/data</c>.</summary>
    DataReaders,
}

/// <summary>
/// Live counts of <see cref="StreamResource"/>: every opener increments and every release decrements, so after
/// streams start, fail and stop a test (or an operator, on <c>GET /status</c>) sees them return to zero.
/// </summary>
internal sealed class StreamCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<StreamResource>().Length];

    public long this[StreamResource resource] => Interlocked.Read(ref _counts[(int)resource]);

    public void Open(StreamResource resource) => Interlocked.Increment(ref _counts[(int)resource]);

    public void Close(StreamResource resource) => Interlocked.Decrement(ref _counts[(int)resource]);

    /// <summary>Runs <paramref name="work"/> as a counted background task; its failure is logged, never unobserved.</summary>
    public Task Run(Func<Task> work, ILogger logger, string streamId)
    {
        Open(StreamResource.Tasks);
        return Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // ended by its stream or session
            }
#pragma warning disable CA1031 // a background part must not take the process down; its owner sees the end
            catch (Exception e)
#pragma warning restore CA1031
            {
                GatewayLog.StreamFailed(logger, streamId, e);
            }
            finally
            {
                Close(StreamResource.Tasks);
            }
        });
    }

    public JsonObject Snapshot()
    {
        var json = new JsonObject();
        foreach (var resource in Enum.GetValues<StreamResource>())
        {
            json[JsonNamingPolicyName(resource)] = this[resource];
        }

        return json;
    }

    private static string JsonNamingPolicyName(StreamResource resource) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(resource.ToString());
}
