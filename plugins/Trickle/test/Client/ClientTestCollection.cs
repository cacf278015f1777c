namespace Livepeer.Plugins.Trickle.Tests.Client;

/// <summary>
/// The client tests start many TLS servers and connections; they run on their own after the other tests so
/// the server's timing-sensitive facts (keep-alive ticks, fuzz hang limits) are not starved on small machines.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClientTestCollection
{
    public const string Name = "Trickle clients";
}
