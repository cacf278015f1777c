using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Configuration;
using Livepeer.Host.Protocol;

namespace Livepeer.Host.Tests.Protocol;

public sealed class OrchestratorOfferTests
{
    private sealed class Source(params OfferedCapability[] offered) : IOrchestratorCapabilitySource
    {
        public List<OfferedCapability> Offered { get; } = [.. offered];

        public IReadOnlyList<OfferedCapability> GetOfferedCapabilities() => [.. Offered];
    }

    private static OfferedCapability Capability37(string name, int capacity, long price) => new(Capability.Byoc, name, capacity, new Price(price, 1));

    [Fact]
    public void Byoc_capabilities_are_offered_as_37_with_their_names_as_models_and_prices()
    {
        var offer = new OrchestratorOffer(new NodeOptions { MaxSessions = 4 }, [], [new Source(Capability37("text-reversal", 2, 5)), new Source(Capability37("echo", 1, 0))]);
        var capabilities = offer.Capabilities();
        Assert.Equal([Capability.AuthToken, Capability.Byoc], capabilities.Offered);
        Assert.Equal(3, capabilities.Capacities[Capability.Byoc]);
        Assert.Equal(["text-reversal", "echo"], capabilities.Models[Capability.Byoc].Keys);

        // What the Python SDK asks for: capability 37 with the capability name as model.
        var job = new NodeCapabilities
        {
            Offered = CapabilitySet.Of(Capability.Byoc),
            Models = new Dictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>> { [Capability.Byoc] = new Dictionary<string, ModelConstraint> { ["text-reversal"] = new() } },
        };
        Assert.False(job.IsSatisfiedBy(capabilities), "the AuthToken capability is mandatory, as upstream");
        Assert.True((job with { Offered = job.Offered.With(Capability.AuthToken) }).IsSatisfiedBy(capabilities));
        Assert.True(OrchestratorSearch.ForByoc("text-reversal").IsSatisfiedBy(capabilities), "what the gateway's BYOC search asks for");
        Assert.False(OrchestratorSearch.ForByoc("other").IsSatisfiedBy(capabilities));
        Assert.False((job with { Offered = job.Offered.With(Capability.AuthToken), Models = new Dictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>> { [Capability.Byoc] = new Dictionary<string, ModelConstraint> { ["other"] = new() } } }).IsSatisfiedBy(capabilities));

        Assert.Equal(
            [new CapabilityPrice(Capability.Byoc, "text-reversal", new Price(5, 1)), new CapabilityPrice(Capability.Byoc, "echo", new Price(0, 1))],
            offer.CapabilityPrices());
    }

    [Fact]
    public void A_node_with_nothing_to_offer_offers_nothing_but_still_requires_auth_tokens()
    {
        var capabilities = new OrchestratorOffer(new NodeOptions(), [], []).Capabilities();
        Assert.Equal([Capability.AuthToken], capabilities.Offered);
        Assert.True(capabilities.Mandatory.Contains(Capability.AuthToken));
    }

    [Fact]
    public void Sources_are_asked_on_every_call_so_registrations_and_removals_show_at_once()
    {
        var source = new Source();
        var offer = new OrchestratorOffer(new NodeOptions(), [], [source]);
        Assert.Equal([Capability.AuthToken], offer.Capabilities().Offered);

        source.Offered.Add(Capability37("late", 1, 3));
        Assert.Equal([Capability.AuthToken, Capability.Byoc], offer.Capabilities().Offered);
        Assert.Equal([new CapabilityPrice(Capability.Byoc, "late", new Price(3, 1))], offer.CapabilityPrices());

        source.Offered.Clear();
        Assert.Equal([Capability.AuthToken], offer.Capabilities().Offered);
        Assert.Empty(offer.CapabilityPrices());
    }
}
