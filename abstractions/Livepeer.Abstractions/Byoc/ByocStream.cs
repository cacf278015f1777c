namespace Livepeer.Abstractions.Byoc;

/// <summary>A channel handed to a capability: its name on this node's channel provider and its URL for external workers.</summary>
/// <param name="Name">The channel name (usable with <see cref="Channels.ISegmentChannels"/>).</param>
/// <param name="Url">The channel URL (trickle) for a worker in another process.</param>
public sealed record ChannelEndpoint(string Name, Uri Url);

/// <summary>The channels of one stream. Control and events always exist; the rest only when enabled.</summary>
/// <param name="Control">Gateway → worker JSON messages (<c>{id}-control</c>).</param>
/// <param name="Events">Worker → gateway JSON events (<c>{id}-events</c>).</param>
public sealed record ByocStreamChannels(ChannelEndpoint Control, ChannelEndpoint Events)
{
    /// <summary>Video in, which the worker subscribes to (<c>{id}</c>); when video ingress is enabled.</summary>
    public ChannelEndpoint? Subscribe { get; init; }

    /// <summary>Video out, which the worker publishes to (<c>{id}-out</c>); when video egress is enabled.</summary>
    public ChannelEndpoint? Publish { get; init; }

    /// <summary>JSON lines out (<c>{id}-data</c>); when data output is enabled.</summary>
    public ChannelEndpoint? Data { get; init; }
}

/// <summary>A request to start a stream on a capability (the worker's <c>/stream/start</c>).</summary>
/// <param name="StreamId">The stream id (sent to workers as <c>X-Stream-Id</c>).</param>
/// <param name="GatewayRequestId">The gateway's request id.</param>
/// <param name="Channels">The stream's channels.</param>
/// <param name="ParamsJson">The pipeline parameters from the start request, as JSON text (<c>{}</c> when none).</param>
public sealed record ByocStreamRequest(string StreamId, string GatewayRequestId, ByocStreamChannels Channels, string ParamsJson)
{
    /// <summary>
    /// The client's whole start body (a JSON object, <c>{}</c> when none). External workers receive its
    /// top-level keys merged with the channel URLs, as upstream does; in-process capabilities may ignore it.
    /// </summary>
    public string StartBodyJson { get; init; } = "{}";

    /// <summary>How long one call to the capability may take (the job's <c>timeout_seconds</c>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>A running stream on a capability. Disposing it stops the stream if still running.</summary>
public interface IByocStreamSession : IAsyncDisposable
{
    /// <summary>The stream id.</summary>
    string StreamId { get; }

    /// <summary>
    /// Completes when the stream has stopped: successfully after <see cref="StopAsync"/> or the end of input,
    /// faulted when the capability failed.
    /// </summary>
    Task Completion { get; }

    /// <summary>Passes new parameters to the running stream (the worker's <c>/stream/params</c>).</summary>
    /// <exception cref="InvalidOperationException">The stream has stopped.</exception>
    ValueTask UpdateParamsAsync(string paramsJson, CancellationToken cancellationToken);

    /// <summary>Stops the stream (the worker's <c>/stream/stop</c>); stopping twice is harmless.</summary>
    ValueTask StopAsync(string? reason, CancellationToken cancellationToken);
}
