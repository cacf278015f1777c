namespace Livepeer.Plugins.WebRtc.Tests.Interop;

/// <summary>werift tests run one at a time (node, ffmpeg and our stack on a 2-core machine), after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WeriftCollection
{
    public const string Name = "werift";
}
