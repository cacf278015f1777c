using Livepeer.Abstractions.Transcoding;

namespace Livepeer.Abstractions.Media;

/// <summary>A stream known to the node: who published it, with what tracks, and which renditions it wants.</summary>
/// <param name="StreamId">The manifest id, unique on the node.</param>
/// <param name="Protocol">The ingest that published it (its <see cref="INamedExtension.Name"/>).</param>
public sealed record StreamDescriptor(string StreamId, string Protocol)
{
    /// <summary>The rendition name of the ingested media.</summary>
    public const string SourceRendition = "source";

    /// <summary>The stream key that protects playback, if any.</summary>
    public string? StreamKey { get; init; }

    /// <summary>The tracks, as soon as the ingest knows them.</summary>
    public IReadOnlyList<TrackInfo> Tracks { get; init; } = [];

    /// <summary>The renditions to transcode to; empty for source only.</summary>
    public IReadOnlyList<TranscodeProfile> Profiles { get; init; } = [];

    /// <summary>Free-form properties (auth-webhook results, client address, …).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
