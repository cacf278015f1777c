using Livepeer.Abstractions.Conformance;

namespace Livepeer.Plugins.WebRtc.Tests;

/// <summary>The kit's plugin facts for the WebRTC plugin.</summary>
public sealed class WebRtcPluginConformanceTests : PluginConformanceTests<WebRtcPlugin>
{
    [Fact]
    public void ManifestIdIsTheFolderName() => Assert.Equal("WebRtc", Manifest.Id);
}
