namespace Livepeer.Abstractions.Ingest;

/// <summary>
/// A protocol clients publish streams with (RTMP, WHIP, HTTP push, trickle-in). An ingest turns what it
/// receives into keyframe-aligned segments and publishes them into the
/// <see cref="Media.IMediaStreamHub"/> it gets from dependency injection, with its <see cref="INamedExtension.Name"/>
/// as the stream's protocol. An ingest that listens starts in a hosted service it registers, not in its constructor.
/// </summary>
public interface IIngest : INamedExtension
{
    /// <summary>Where clients publish to; known once the node has started listening, empty before.</summary>
    IReadOnlyList<Uri> Endpoints { get; }
}
