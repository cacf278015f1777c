using Livepeer.Abstractions.Orchestrators;
using Xunit;

namespace Livepeer.Abstractions.Tests.Orchestrators;

public sealed class CapabilitySetTests
{
    [Fact]
    public void CapabilityIsBitModulo64OfWordDiv64()
    {
        Assert.Equal([1UL << 37], CapabilitySet.Of(Capability.Byoc).Bitstring);
        Assert.Equal([0UL, 1UL], CapabilitySet.Of((Capability)64).Bitstring);
        Assert.Equal([1UL, 1UL << 1], CapabilitySet.Of(Capability.H264, (Capability)65).Bitstring);
        Assert.Equal([0UL, 0UL, 1UL << 63], CapabilitySet.Of((Capability)191).Bitstring);
    }

    [Fact]
    public void LegacySetMatchesUpstreamBits()
    {
        // Capabilities 0..11: upstream's legacy word is 0xFFF.
        Assert.Equal([0xFFFUL], CapabilitySet.Legacy.Bitstring);
        Assert.Equal(12, CapabilitySet.Legacy.Count);
    }

    [Fact]
    public void BitstringRoundTripsAndTrimsTrailingZeroWords()
    {
        var set = CapabilitySet.FromBitstring([0x5UL, 0UL, 1UL << 2, 0UL, 0UL]);

        Assert.Equal([0x5UL, 0UL, 1UL << 2], set.Bitstring);
        Assert.Equal([Capability.H264, Capability.Mp4, (Capability)130], set);
        Assert.Equal(set, CapabilitySet.FromBitstring(set.Bitstring));
        Assert.Equal(set, CapabilitySet.Of(set));
        Assert.Equal(set.GetHashCode(), CapabilitySet.FromBitstring([0x5UL, 0UL, 1UL << 2]).GetHashCode());
        Assert.Empty(CapabilitySet.FromBitstring([0UL, 0UL]).Bitstring);
        Assert.Equal(CapabilitySet.Empty, CapabilitySet.FromBitstring([0UL]));
    }

    [Fact]
    public void ContainsAndCount()
    {
        var set = CapabilitySet.Of(Capability.Byoc, Capability.H264, Capability.Byoc);

        Assert.Equal(2, set.Count);
        Assert.Contains(Capability.Byoc, set);
        Assert.True(set.Contains(Capability.H264));
        Assert.False(set.Contains(Capability.MpegTs));
        Assert.False(set.Contains((Capability)500));
        Assert.False(set.Contains((Capability)(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CapabilitySet.Of((Capability)(-1)));
    }

    [Fact]
    public void SubsetAcrossWordCounts()
    {
        var small = CapabilitySet.Of(Capability.H264);
        var wide = CapabilitySet.Of(Capability.H264, (Capability)100);

        Assert.True(small.IsSubsetOf(wide));
        Assert.False(wide.IsSubsetOf(small));
        Assert.True(CapabilitySet.Empty.IsSubsetOf(small));
        Assert.True(wide.IsSubsetOf(wide));
        Assert.False(CapabilitySet.Of(Capability.Mp4).IsSubsetOf(small));
    }

    [Fact]
    public void WithAddsToACopy()
    {
        var set = CapabilitySet.Of(Capability.H264);
        var more = set.With(Capability.Byoc);

        Assert.Equal([Capability.H264], set);
        Assert.Equal([Capability.H264, Capability.Byoc], more);
        Assert.Equal("H264,Byoc", more.ToString());
    }
}
