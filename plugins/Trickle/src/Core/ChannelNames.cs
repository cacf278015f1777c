namespace Livepeer.Plugins.Trickle.Core;

/// <summary>What a channel name may be: one URL path segment (upstream's <c>{streamName}</c> pattern), bounded in length.</summary>
internal static class ChannelNames
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>Channels whose names start with this are never swept (upstream <c>sweepIdleChannels</c>).</summary>
    public const char SweepExemptPrefix = '_';

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name is not "." and not ".."
        && !name.Any(c => c == '/' || char.IsControl(c));
}
