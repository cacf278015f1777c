namespace Livepeer.Abstractions.Egress;

/// <summary>
/// A way a stream leaves the node: pulled by players from <see cref="Endpoints"/> (HLS, WHEP), or pushed
/// to a target (RTMP out, trickle-out). An egress reads streams from the <see cref="Media.IMediaStreamHub"/>.
/// </summary>
public interface IEgress : INamedExtension
{
    /// <summary>Where players pull from; empty for a push-only egress or before the node listens.</summary>
    IReadOnlyList<Uri> Endpoints { get; }

    /// <summary>True when this egress can push to <paramref name="target"/> (judged by its scheme).</summary>
    bool CanPush(Uri target);

    /// <summary>
    /// Starts pushing a stream to a target until the stream ends or the session is disposed. Every segment
    /// published after this returns is delivered, in order.
    /// </summary>
    /// <exception cref="NotSupportedException"><see cref="CanPush"/> is false for the target.</exception>
    /// <exception cref="KeyNotFoundException">No such stream is being published.</exception>
    ValueTask<IEgressSession> PushAsync(EgressRequest request, CancellationToken cancellationToken);
}

/// <summary>A request to push one rendition of a stream to a target.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Target">Where to push, e.g. <c>rtmp://example/live/key</c>.</param>
public sealed record EgressRequest(string StreamId, Uri Target)
{
    /// <summary>The rendition to push.</summary>
    public string Rendition { get; init; } = Media.StreamDescriptor.SourceRendition;
}

/// <summary>A push in progress. Disposing it stops the push.</summary>
public interface IEgressSession : IAsyncDisposable
{
    /// <summary>The target.</summary>
    Uri Target { get; }

    /// <summary>Completes when the push ends: the stream ended, the target failed (faulted) or the session was disposed.</summary>
    Task Completion { get; }
}
