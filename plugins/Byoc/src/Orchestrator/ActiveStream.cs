using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Plugins.Byoc.Registry;

namespace Livepeer.Plugins.Byoc.Orchestrator;

/// <summary>One stream this orchestrator runs: who pays, on which capability, its channels and its session.</summary>
internal sealed class ActiveStream(string id, RegisteredCapability capability, CapacityLease lease, EthAddress sender, Price price, long startedAt)
{
    public string Id { get; } = id;

    public RegisteredCapability Capability { get; } = capability;

    public CapacityLease Lease { get; } = lease;

    public EthAddress Sender { get; } = sender;

    public Price Price { get; } = price;

    public string LedgerKey { get; } = Billing.ByocBilling.StreamLedger(capability.Name, id);

    public ByocStreamChannelNames Names { get; } = new(id);

    /// <summary>The channels created for it, deleted when it ends.</summary>
    public List<string> Channels { get; } = [];

    /// <summary>Set once the capability started it; null while starting.</summary>
    public IByocStreamSession? Session { get; set; }

    /// <summary>Whether the client publishes video (then deleting that channel also ends the stream).</summary>
    public bool VideoIngress { get; init; }

    /// <summary>The time of the last debit (a <see cref="TimeProvider"/> timestamp).</summary>
    public long LastDebit { get; set; } = startedAt;

    /// <summary>True after one debit left the balance negative: the next negative debit ends the stream.</summary>
    public bool InGrace { get; set; }
}
