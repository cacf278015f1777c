namespace Livepeer.Abstractions.Byoc;

/// <summary>A batch job for a capability (<c>POST /process/request/{route}</c>).</summary>
/// <param name="RequestId">The job's id.</param>
/// <param name="Route">The path after <c>/process/request/</c>; empty for none.</param>
/// <param name="ContentType">The body's MIME type, when given.</param>
/// <param name="Body">The client's body, passed through verbatim.</param>
public sealed record ByocJobRequest(string RequestId, string Route, string? ContentType, Stream Body)
{
    /// <summary>How long the client allows the job to run.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>The answer to a batch job, passed back to the client (JSON, SSE, or anything else).</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ContentType">The body's MIME type (<c>text/event-stream</c> streams events).</param>
/// <param name="Body">The body; the caller disposes it.</param>
public sealed record ByocJobResponse(int StatusCode, string? ContentType, Stream Body)
{
    /// <summary>Extra headers to pass back (e.g. <c>X-Metadata</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
