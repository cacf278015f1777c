using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;

namespace Livepeer.Conformance.Tests.Channels;

public sealed class InMemorySegmentChannelsConformanceTests : SegmentChannelsConformanceTests
{
    protected override ISegmentChannels CreateChannels() => new InMemorySegmentChannels();
}
