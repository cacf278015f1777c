using Livepeer.Abstractions.Transcoding;

namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>What the auth webhook decided for a stream (protocols §9.4); null fields mean "derive from the URL".</summary>
internal sealed record AuthDecision(bool Allowed, string? Reason = null)
{
    public static AuthDecision Accept { get; } = new(true);

    public string? ManifestId { get; init; }

    public string? StreamKey { get; init; }

    /// <summary>Renditions from <c>presets</c> and <c>profiles</c>; null when the webhook named none.</summary>
    public IReadOnlyList<TranscodeProfile>? Profiles { get; init; }
}
