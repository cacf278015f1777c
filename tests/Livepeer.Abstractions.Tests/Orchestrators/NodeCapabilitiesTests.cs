using Livepeer.Abstractions.Orchestrators;
using Xunit;

namespace Livepeer.Abstractions.Tests.Orchestrators;

public sealed class NodeCapabilitiesTests
{
    private static readonly NodeCapabilities Orchestrator = new()
    {
        Offered = CapabilitySet.Legacy.With(Capability.AuthToken, Capability.TextToImage, Capability.Byoc),
        Mandatory = CapabilitySet.Of(Capability.AuthToken),
        Version = "0.8.2",
        Models = new Dictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>>
        {
            [Capability.TextToImage] = new Dictionary<string, ModelConstraint>
            {
                ["sd-turbo"] = new(Warm: true, Capacity: 1, RunnerVersion: "0.14.1"),
                ["sdxl"] = new(Warm: false, Capacity: 1, RunnerVersion: "0.13.0"),
            },
        },
    };

    private static NodeCapabilities Job(params Capability[] capabilities) =>
        new() { Offered = CapabilitySet.Of(capabilities).With(Capability.AuthToken) };

    [Fact]
    public void OfferedCapabilitiesSatisfyAJob()
    {
        Assert.True(Job(Capability.H264, Capability.MpegTs).IsSatisfiedBy(Orchestrator));
        Assert.False(Job(Capability.HevcEncode).IsSatisfiedBy(Orchestrator));
    }

    [Fact]
    public void MandatoryCapabilitiesMustBeRequested()
    {
        var withoutAuth = new NodeCapabilities { Offered = CapabilitySet.Of(Capability.H264) };
        Assert.False(withoutAuth.IsSatisfiedBy(Orchestrator));
        Assert.True(withoutAuth.IsSatisfiedBy(Orchestrator with { Mandatory = CapabilitySet.Empty }));
    }

    [Fact]
    public void RequestedModelsMustBePresentAndWarmWhenRequired()
    {
        NodeCapabilities Wants(string model, ModelConstraint constraint) => Job(Capability.TextToImage) with
        {
            Models = new Dictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>>
            {
                [Capability.TextToImage] = new Dictionary<string, ModelConstraint> { [model] = constraint },
            },
        };

        Assert.True(Wants("sd-turbo", new(Warm: true)).IsSatisfiedBy(Orchestrator));
        Assert.True(Wants("sdxl", new(Warm: false)).IsSatisfiedBy(Orchestrator));
        Assert.False(Wants("sdxl", new(Warm: true)).IsSatisfiedBy(Orchestrator));
        Assert.False(Wants("missing", new()).IsSatisfiedBy(Orchestrator));
        Assert.True(Wants("sd-turbo", new(RunnerVersion: "0.14.0")).IsSatisfiedBy(Orchestrator));
        Assert.True(Wants("sd-turbo", new(RunnerVersion: "0.14.1")).IsSatisfiedBy(Orchestrator));
        Assert.False(Wants("sd-turbo", new(RunnerVersion: "0.15.0")).IsSatisfiedBy(Orchestrator));
        Assert.False(Wants("sd-turbo", new()).IsSatisfiedBy(Orchestrator with { Models = new Dictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>>() }));
    }

    [Theory]
    [InlineData("", "0.8.2", true)]
    [InlineData("0.8.2", "0.8.2", true)]
    [InlineData("0.8.1", "0.8.2", true)]
    [InlineData("0.8.3", "0.8.2", false)]
    [InlineData("0.8.2", "0.8.2-dev", true)]
    [InlineData("0.8.2-beta.1", "0.8.2", true)]
    [InlineData("0.8.2", "v0.8.2+abc", true)]
    [InlineData("0.9", "0.8.9", false)]
    [InlineData("1.0.0", "0.8.9", false)]
    [InlineData("0.8", "0.8.0", true)]
    [InlineData("0.8.0", "not-a-version", false)]
    [InlineData("garbage", "0.8.0", true)]
    public void MinVersionIgnoresPreReleaseSuffixes(string minVersion, string orchestratorVersion, bool satisfied)
    {
        var job = Job(Capability.H264) with { MinVersion = minVersion };
        Assert.Equal(satisfied, job.IsSatisfiedBy(Orchestrator with { Version = orchestratorVersion }));
    }
}
