using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Selection;

namespace Livepeer.Plugins.MinLS.Tests;

/// <summary>The kit's selection facts against MinLS with the default settings and no stake knowledge (off chain).</summary>
public sealed class MinLSPolicyConformanceTests : SelectionPolicyConformanceTests
{
    protected override ISelectionPolicy CreatePolicy(IRandomSource random) => new MinLSSelectionPolicy(MinLSOptions.Default, random);
}

/// <summary>
/// The kit's facts with a stake reader present: the kit's orchestrators carry no address, so this proves the
/// on-chain path falls back to discovery order for them rather than choosing nothing.
/// </summary>
public sealed class MinLSWithStakeReaderConformanceTests : SelectionPolicyConformanceTests
{
    protected override ISelectionPolicy CreatePolicy(IRandomSource random) =>
        new MinLSSelectionPolicy(MinLSOptions.Default, random, new FakeStakeReader(_ => 1));
}
