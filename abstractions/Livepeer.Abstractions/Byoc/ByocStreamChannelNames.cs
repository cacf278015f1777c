namespace Livepeer.Abstractions.Byoc;

/// <summary>
/// The channel names of a BYOC stream on the orchestrator's trickle server, as go-livepeer names them:
/// <c>{id}</c> (video in), <c>{id}-out</c>, <c>{id}-control</c>, <c>{id}-events</c>, <c>{id}-data</c>.
/// </summary>
/// <param name="StreamId">The stream id.</param>
public sealed record ByocStreamChannelNames(string StreamId)
{
    /// <summary>Video the client publishes and the worker reads.</summary>
    public string VideoIn => StreamId;

    /// <summary>Video the worker publishes and the client reads.</summary>
    public string VideoOut => StreamId + "-out";

    /// <summary>Client-to-worker JSON messages.</summary>
    public string Control => StreamId + "-control";

    /// <summary>Worker-to-client JSON events.</summary>
    public string Events => StreamId + "-events";

    /// <summary>Worker-to-client JSON lines.</summary>
    public string Data => StreamId + "-data";
}
