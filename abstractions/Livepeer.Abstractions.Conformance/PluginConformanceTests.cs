using System.Reflection;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Payments;
using Livepeer.Abstractions.Selection;
using Livepeer.Abstractions.Transcoding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Livepeer.Abstractions.Conformance;

/// <summary>
/// What every plugin entry type must do: register services (and nothing else) from its manifest and
/// configuration, with uniquely named extensions.
/// </summary>
/// <typeparam name="TPlugin">The plugin's entry type.</typeparam>
/// <remarks>
/// Extensions are checked when registered as an instance, or as a type with a public parameterless
/// constructor. Registrations that need the container (factories, constructor injection) are checked only
/// when <see cref="BuildServiceProvider"/> is overridden to return a real provider.
/// </remarks>
public abstract class PluginConformanceTests<TPlugin> : ConformanceTestBase
    where TPlugin : ILivepeerPlugin, new()
{
    /// <summary>The extension-point interfaces whose registrations must carry unique, non-empty names.</summary>
    public static IReadOnlyList<Type> ExtensionPoints { get; } =
    [
        typeof(IDiscoverySource), typeof(ISelectionPolicy), typeof(IPaymentSender), typeof(IPaymentReceiver),
        typeof(ITranscoder), typeof(IIngest), typeof(IEgress), typeof(IByocCapability), typeof(ISegmentChannels),
    ];

    /// <summary>The plugin's manifest; by default its <c>plugin.json</c> next to the test assembly.</summary>
    protected virtual PluginManifest Manifest => PluginManifestFile.ReadFromTestOutput();

    /// <summary>The plugin's configuration section for the facts; the default is empty.</summary>
    protected virtual IConfiguration Configuration => InMemoryConfiguration.Empty;

    /// <summary>The roles the node runs while the plugin registers.</summary>
    protected virtual NodeRoles Roles => NodeRoles.Gateway | NodeRoles.Orchestrator | NodeRoles.Transcoder;

    /// <summary>
    /// A provider over <paramref name="services"/> to resolve extensions from, or <c>null</c> (the default) to
    /// inspect descriptors only. Override with <c>services.BuildServiceProvider()</c> when your test project
    /// references Microsoft.Extensions.DependencyInjection.
    /// </summary>
    protected virtual IServiceProvider? BuildServiceProvider(IServiceCollection services) => null;

    /// <summary>The manifest is usable: an id, a version, this assembly as entry, and compatible contracts.</summary>
    [Fact]
    public void ManifestDescribesThePlugin()
    {
        var manifest = Manifest;
        Assert.False(string.IsNullOrWhiteSpace(manifest.Id));
        Assert.False(string.IsNullOrWhiteSpace(manifest.Version));
        Assert.Equal(typeof(TPlugin).Assembly.GetName().Name + ".dll", Path.GetFileName(manifest.EntryAssembly), ignoreCase: true);
        Assert.True(Version.TryParse(manifest.AbstractionsVersion, out var contracts), $"'{manifest.AbstractionsVersion}' is not major.minor.");
        Assert.True(ContractVersion.IsCompatible(contracts), $"Contracts {contracts} are not compatible with {ContractVersion.Current}.");
    }

    /// <summary>The plugin assembly has exactly one entry type.</summary>
    [Fact]
    public void AssemblyHasExactlyOneEntryType()
    {
        var entries = typeof(TPlugin).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(ILivepeerPlugin).IsAssignableFrom(t))
            .ToList();

        Assert.Equal([typeof(TPlugin)], entries);
    }

    /// <summary>Registering with the configuration does not throw and registers at least one service.</summary>
    [Fact]
    public void RegisterAddsServices()
    {
        var services = Register(Roles);
        Assert.NotEmpty(services);
    }

    /// <summary>Registration works for a node in any single role (it may register less, but must not throw).</summary>
    [Fact]
    public void RegisterWorksForEveryRole()
    {
        foreach (var role in Enum.GetValues<NodeRoles>())
        {
            var exception = Record.Exception(() => Register(role));
            Assert.True(exception is null, $"Register threw for role {role}: {exception}");
        }
    }

    /// <summary>Registering twice, on two collections, gives the same registrations: Register holds no state and starts nothing.</summary>
    [Fact]
    public void RegisterIsRepeatable()
    {
        var first = Register(Roles);
        var second = Register(Roles);

        Assert.Equal(Describe(first), Describe(second));
    }

    /// <summary>Every extension the plugin registers has a non-empty name, unique among its extension point.</summary>
    [Fact]
    public void ExtensionsHaveUniqueNames()
    {
        var services = Register(Roles);
        var provider = BuildServiceProvider(services);
        try
        {
            foreach (var point in ExtensionPoints)
            {
                var names = Resolve(services, provider, point).Select(e => e.Name).ToList();
                Assert.All(names, n => Assert.False(string.IsNullOrWhiteSpace(n), $"A {point.Name} has no name."));
                var duplicates = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                Assert.True(duplicates.Count == 0, $"Duplicate {point.Name} names: {string.Join(", ", duplicates)}.");
            }
        }
        finally
        {
            (provider as IDisposable)?.Dispose();
        }
    }

    /// <summary>Runs the plugin's <see cref="ILivepeerPlugin.Register"/> on a fresh collection.</summary>
    protected IServiceCollection Register(NodeRoles roles)
    {
        var services = new ServiceCollection();
        var context = new PluginContext(Manifest, Configuration, AppContext.BaseDirectory, roles);
        new TPlugin().Register(services, context);
        return services;
    }

    private static IEnumerable<INamedExtension> Resolve(IServiceCollection services, IServiceProvider? provider, Type point)
    {
        if (provider is not null)
        {
            var all = (IEnumerable<object?>?)provider.GetService(typeof(IEnumerable<>).MakeGenericType(point)) ?? [];
            return all.OfType<INamedExtension>().ToList();
        }

        var found = new List<INamedExtension>();
        foreach (var descriptor in services.Where(d => d.ServiceType == point && !d.IsKeyedService))
        {
            var instance = descriptor.ImplementationInstance
                ?? (descriptor.ImplementationType?.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null
                    ? Activator.CreateInstance(descriptor.ImplementationType)
                    : null);
            if (instance is INamedExtension named)
            {
                found.Add(named);
            }
        }

        return found;
    }

    private static List<string> Describe(IServiceCollection services) =>
        [.. services.Select(d => $"{d.ServiceType.FullName}|{d.Lifetime}|{(d.IsKeyedService ? d.ServiceKey : null)}|{(d.IsKeyedService ? d.KeyedImplementationType : d.ImplementationType)?.FullName}")];
}
