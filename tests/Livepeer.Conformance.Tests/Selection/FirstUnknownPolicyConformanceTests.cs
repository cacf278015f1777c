using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Selection;

namespace Livepeer.Conformance.Tests.Selection;

public sealed class FirstUnknownPolicyConformanceTests : SelectionPolicyConformanceTests
{
    protected override ISelectionPolicy CreatePolicy(IRandomSource random) => new FirstUnknownThenLowestLatencyPolicy(random);
}
