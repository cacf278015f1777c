namespace Livepeer.Abstractions.Transcoding;

/// <summary>Turns a segment into renditions: CPU (libx264 through FFmpeg), NVENC, or a remote transcoder.</summary>
public interface ITranscoder : INamedExtension
{
    /// <summary>Transcodes <paramref name="job"/>; one rendition per profile, in profile order.</summary>
    /// <exception cref="TranscodeException">The input could not be decoded or an output could not be encoded.</exception>
    ValueTask<TranscodeResult> TranscodeAsync(TranscodeJob job, CancellationToken cancellationToken);
}
