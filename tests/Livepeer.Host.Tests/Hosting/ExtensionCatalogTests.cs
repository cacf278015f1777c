using Livepeer.Abstractions;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Selection;
using Livepeer.Host.Configuration;
using Livepeer.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Host.Tests.Hosting;

public sealed class ExtensionCatalogTests
{
    private sealed class Source(string name) : IDiscoverySource
    {
        public string Name => name;

        public ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<OrchestratorCandidate>>([]);
    }

    private sealed class Policy(string name) : ISelectionPolicy
    {
        public string Name => name;

        public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context) => null;
    }

    private static ExtensionCatalog Build(NodeOptions options, params object[] extensions)
    {
        var services = new ServiceCollection();
        foreach (var extension in extensions)
        {
            foreach (var contract in extension.GetType().GetInterfaces().Where(i => i != typeof(INamedExtension)))
            {
                services.AddSingleton(contract, extension);
            }
        }

        return ExtensionCatalog.Build(services.BuildServiceProvider(), options);
    }

    private static readonly NodeOptions Gateway = new() { Roles = NodeRoles.Gateway, Discovery = ["orchAddr"], PaymentScheme = "none" };

    [Fact]
    public void Known_names_are_listed_by_extension_point()
    {
        var catalog = Build(Gateway with { PaymentScheme = "x" }, new Source("orchAddr"), new Source("webhook"), new Policy("minls"));
        Assert.Equal(["orchAddr", "webhook"], catalog.Names["discovery"]);
        Assert.Equal(["minls"], catalog.Names["selector"]);
    }

    [Fact]
    public void Duplicate_names_fail_case_insensitively()
    {
        var catalog = Build(Gateway, new Source("orchAddr"), new Source("ORCHADDR"));
        Assert.Contains(catalog.Errors, e => e.Contains("Two discovery extensions are named 'ORCHADDR'", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_configured_names_fail_with_the_known_names()
    {
        var catalog = Build(Gateway with { Discovery = ["orchAddr", "chain"], Selector = "fastest" }, new Source("orchAddr"), new Policy("minls"));
        Assert.Contains("-discovery names unknown discovery 'chain'. Known: orchAddr.", catalog.Errors);
        Assert.Contains("-selector names unknown selector 'fastest'. Known: minls.", catalog.Errors);
        Assert.Contains(catalog.Errors, e => e.StartsWith("-paymentScheme names unknown payment sender 'none'", StringComparison.Ordinal));
        Assert.Equal(3, catalog.Errors.Count);
    }

    [Fact]
    public void Empty_names_fail()
    {
        Assert.Contains(Build(Gateway, new Source(" ")).Errors, e => e.Contains("empty name", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_are_checked_only_for_the_roles_the_node_runs()
    {
        var catalog = Build(new NodeOptions { Roles = NodeRoles.Transcoder, Discovery = ["nothing"], Selector = "nothing" });
        Assert.Empty(catalog.Errors);
    }
}
