using Livepeer.Abstractions.Transcoding;

namespace MyPlugin;

/// <summary>
/// A pass-through transcoder, the starting point for a real one: every rendition is the source segment
/// itself, labelled with its profile, and counts the pixels the profile would encode
/// (<see cref="TranscodeProfile.EstimatePixels"/>), which is what payment is based on. Replace the body of
/// <see cref="TranscodeAsync"/> with real decoding and encoding (FFmpeg, a GPU, a remote service).
/// </summary>
public sealed class MyPluginTranscoder : ITranscoder
{
    /// <inheritdoc />
    public string Name => MyPluginPlugin.ExtensionName;

    /// <inheritdoc />
    public ValueTask<TranscodeResult> TranscodeAsync(TranscodeJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        var source = job.Segment;
        var renditions = job.Profiles
            .Select(profile => new Rendition(profile, source with { Rendition = profile.Name }, profile.EstimatePixels(source.Duration)))
            .ToList();
        return ValueTask.FromResult(new TranscodeResult(renditions));
    }
}
