using System.Runtime.Loader;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Livepeer.Host.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Host.Tests.Plugins;

/// <summary>The loader against real fixture plugins, each test in its own plugins directory.</summary>
public sealed class PluginLoaderTests : IDisposable
{
    private readonly PluginsFolder _plugins = new();

    public void Dispose() => _plugins.Dispose();

    [Fact]
    public async Task Good_plugin_is_active_and_its_service_reads_its_own_config_section()
    {
        var folder = _plugins.AddFixture("GoodPlugin");
        var services = new ServiceCollection();

        var states = _plugins.Load(services, new Dictionary<string, string?>
        {
            ["Plugins:fixture-good:OrchestratorUri"] = "https://127.0.0.1:8935/",
            ["Plugins:other:OrchestratorUri"] = "https://other.invalid/",
        });

        var state = Assert.Single(states);
        Assert.Equal(new PluginState("fixture-good", "1.2.3", PluginStatus.Active, null), state);
        using var provider = services.BuildServiceProvider();
        var source = Assert.Single(provider.GetServices<IDiscoverySource>());
        Assert.Equal(2, services.Count);
        Assert.Equal("fixture-good", source.Name);
        var candidate = Assert.Single(await source.GetCandidatesAsync(new DiscoveryQuery(5), CancellationToken.None));
        Assert.Equal(new Uri("https://127.0.0.1:8935/"), candidate.ServiceUri);

        var context = AssemblyLoadContext.GetLoadContext(source.GetType().Assembly);
        Assert.IsType<PluginLoadContext>(context);
        Assert.False(context.IsCollectible);
        Assert.Contains(folder, context.Name, StringComparison.Ordinal);
        Assert.Contains(_plugins.Logger.Entries, e => e.Level == LogLevel.Information && e.EventId == 1103 && e.Message.Contains("fixture-good", StringComparison.Ordinal));
    }

    [Fact]
    public void Throwing_plugin_is_faulted_leaves_no_registration_and_others_stay_active()
    {
        _plugins.AddFixture("GoodPlugin");
        _plugins.AddFixture("ThrowingPlugin");
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);

        var states = _plugins.Load(services);

        Assert.Equal(PluginStatus.Active, states.Single(s => s.Id == "fixture-good").Status);
        var throwing = states.Single(s => s.Id == "fixture-throwing");
        Assert.Equal(PluginStatus.Faulted, throwing.Status);
        Assert.Contains("fixture-throwing refuses to register", throwing.Reason, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", throwing.Reason, StringComparison.Ordinal);

        // The host's own registration and the good plugin's two, nothing of the one that threw.
        Assert.Equal(3, services.Count);
        using var provider = services.BuildServiceProvider();
        Assert.Equal(["fixture-good"], provider.GetServices<IDiscoverySource>().Select(s => s.Name));
        Assert.Contains(_plugins.Logger.Entries, e => e.Level == LogLevel.Warning && e.EventId == 1106 && e.Message.Contains("refuses to register", StringComparison.Ordinal));
    }

    [Fact]
    public void Plugin_built_against_other_contracts_is_incompatible_and_never_loaded()
    {
        var folder = _plugins.AddFixture("WrongAbstractionsPlugin");
        var services = new ServiceCollection();

        var state = Assert.Single(_plugins.Load(services));

        Assert.Equal(PluginStatus.Incompatible, state.Status);
        Assert.Equal("fixture-wrong-abstractions", state.Id);
        Assert.Equal($"built against contracts 2.0, host has {ContractVersion.Current}", state.Reason);
        Assert.Equal("built against contracts 2.0, host has 1.0", state.Reason);
        Assert.Empty(services);
        Assert.False(PluginsFolder.WasLoaded(folder));
        Assert.Contains(_plugins.Logger.Entries, e => e.Level == LogLevel.Warning && e.EventId == 1105);
    }

    [Fact]
    public void Plugin_shipping_its_own_abstractions_gets_the_host_contract_types()
    {
        var folder = _plugins.AddFixture("OwnAbstractionsCopyPlugin");
        Assert.True(File.Exists(Path.Combine(folder, "Livepeer.Abstractions.dll")));
        var services = new ServiceCollection();

        var state = Assert.Single(_plugins.Load(services));

        Assert.Equal(PluginStatus.Active, state.Status);
        var descriptor = Assert.Single(services);
        Assert.Same(typeof(IDiscoverySource), descriptor.ServiceType);
        var implementation = descriptor.ImplementationInstance!.GetType();
        Assert.Contains(typeof(IDiscoverySource), implementation.GetInterfaces());
        var pluginContext = AssemblyLoadContext.GetLoadContext(implementation.Assembly)!;
        Assert.IsType<PluginLoadContext>(pluginContext);
        Assert.DoesNotContain(pluginContext.Assemblies, a => a.GetName().Name == "Livepeer.Abstractions");
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(typeof(IDiscoverySource).Assembly));

        using var provider = services.BuildServiceProvider();
        Assert.Equal("fixture-own-copy", provider.GetRequiredService<IDiscoverySource>().Name);
    }

    [Fact]
    public async Task Conflicting_dependency_versions_load_side_by_side()
    {
        _plugins.AddFixture("ConflictingDependencyA");
        _plugins.AddFixture("ConflictingDependencyB");
        var services = new ServiceCollection();

        var states = _plugins.Load(services);

        Assert.Equal(["fixture-conflicting-a", "fixture-conflicting-b"], states.Select(s => s.Id));
        Assert.All(states, s => Assert.Equal(PluginStatus.Active, s.Status));
        using var provider = services.BuildServiceProvider();
        var sources = provider.GetServices<IDiscoverySource>().ToDictionary(s => s.Name);
        Assert.Equal("v1.0.0.0.dependency.invalid", (await OnlyCandidate(sources["fixture-conflicting-a"])).ServiceUri.Host);
        Assert.Equal("v2.0.0.0.dependency.invalid", (await OnlyCandidate(sources["fixture-conflicting-b"])).ServiceUri.Host);
        Assert.Equal(new Version(1, 0, 0, 0), LoadedDependencyVersion(sources["fixture-conflicting-a"]));
        Assert.Equal(new Version(2, 0, 0, 0), LoadedDependencyVersion(sources["fixture-conflicting-b"]));
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "Fixture.Dependency");

        static async Task<Livepeer.Abstractions.Orchestrators.OrchestratorCandidate> OnlyCandidate(IDiscoverySource source) =>
            Assert.Single(await source.GetCandidatesAsync(new DiscoveryQuery(1), CancellationToken.None));

        static Version? LoadedDependencyVersion(IDiscoverySource source) =>
            AssemblyLoadContext.GetLoadContext(source.GetType().Assembly)!.Assemblies
                .Single(a => a.GetName().Name == "Fixture.Dependency").GetName().Version;
    }

    [Theory]
    [InlineData("NoEntryPlugin", "no public non-abstract class in NoEntryPlugin implements ILivepeerPlugin")]
    [InlineData("TwoEntriesPlugin", "2 classes in TwoEntriesPlugin implement ILivepeerPlugin")]
    public void Plugin_without_exactly_one_entry_type_is_faulted(string fixture, string reason)
    {
        _plugins.AddFixture(fixture);
        var services = new ServiceCollection();

        var state = Assert.Single(_plugins.Load(services));

        Assert.Equal(PluginStatus.Faulted, state.Status);
        Assert.StartsWith(reason, state.Reason, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Fact]
    public void Two_entries_reason_names_both_types()
    {
        _plugins.AddFixture("TwoEntriesPlugin");

        var state = Assert.Single(_plugins.Load(new ServiceCollection()));

        Assert.Contains("Livepeer.TestPlugins.TwoEntriesPlugin.FirstEntry", state.Reason, StringComparison.Ordinal);
        Assert.Contains("Livepeer.TestPlugins.TwoEntriesPlugin.SecondEntry", state.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    public void Plugin_disabled_in_config_is_disabled_and_never_loaded(string enabled)
    {
        var folder = _plugins.AddFixture("GoodPlugin");
        var services = new ServiceCollection();

        var state = Assert.Single(_plugins.Load(services, new Dictionary<string, string?> { ["Plugins:fixture-good:Enabled"] = enabled }));

        Assert.Equal(new PluginState("fixture-good", "1.2.3", PluginStatus.Disabled, "Plugins:fixture-good:Enabled is false"), state);
        Assert.Empty(services);
        Assert.False(PluginsFolder.WasLoaded(folder));
        Assert.Contains(_plugins.Logger.Entries, e => e.Level == LogLevel.Warning && e.EventId == 1104);
    }

    [Fact]
    public void Plugin_explicitly_enabled_is_active()
    {
        _plugins.AddFixture("GoodPlugin");

        var state = Assert.Single(_plugins.Load(new ServiceCollection(), new Dictionary<string, string?> { ["Plugins:fixture-good:Enabled"] = "true" }));

        Assert.Equal(PluginStatus.Active, state.Status);
    }

    [Fact]
    public void Unreadable_enabled_setting_is_faulted_rather_than_guessed()
    {
        var folder = _plugins.AddFixture("GoodPlugin");

        var state = Assert.Single(_plugins.Load(new ServiceCollection(), new Dictionary<string, string?> { ["Plugins:fixture-good:Enabled"] = "maybe" }));

        Assert.Equal(PluginStatus.Faulted, state.Status);
        Assert.Contains("'maybe'", state.Reason, StringComparison.Ordinal);
        Assert.False(PluginsFolder.WasLoaded(folder));
    }

    [Fact]
    public void Duplicate_id_faults_the_second_folder_and_names_the_first()
    {
        _plugins.AddFixture("GoodPlugin", "a-good");
        var second = _plugins.AddFixture("GoodPlugin", "b-good");
        var services = new ServiceCollection();

        var states = _plugins.Load(services);

        Assert.Equal(2, states.Count);
        Assert.Equal(PluginStatus.Active, states[0].Status);
        Assert.Equal(PluginStatus.Faulted, states[1].Status);
        Assert.Equal("fixture-good", states[1].Id);
        Assert.Contains("duplicate id 'fixture-good'", states[1].Reason, StringComparison.Ordinal);
        Assert.Contains("'a-good'", states[1].Reason, StringComparison.Ordinal);
        Assert.Equal(2, services.Count);
        Assert.False(PluginsFolder.WasLoaded(second));
    }

    [Fact]
    public void Folders_load_in_ordinal_name_order_and_folders_without_a_manifest_are_ignored()
    {
        _plugins.AddFixture("ConflictingDependencyB", "b");
        _plugins.AddFixture("GoodPlugin", "C");
        _plugins.AddFixture("ConflictingDependencyA", "a");
        Directory.CreateDirectory(Path.Combine(_plugins.Directory, "0-not-a-plugin"));
        File.WriteAllText(Path.Combine(_plugins.Directory, "loose-file.json"), "{}");

        var states = _plugins.Load(new ServiceCollection());

        // Ordinal: upper case sorts before lower case.
        Assert.Equal(["fixture-good", "fixture-conflicting-a", "fixture-conflicting-b"], states.Select(s => s.Id));
    }

    [Fact]
    public void Missing_plugins_directory_is_no_plugins_and_is_logged()
    {
        var missing = Path.Combine(_plugins.Root, "does-not-exist");
        var services = new ServiceCollection();
        var logger = new RecordingLogger<PluginLoader>();

        var states = new PluginLoader(logger).LoadAll(missing, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), NodeRoles.Gateway, services);

        Assert.Empty(states);
        Assert.Empty(services);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal(1100, entry.EventId);
        Assert.Contains(missing, entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_entry_assembly_file_is_faulted()
    {
        _plugins.AddManifest("ghost", Manifests.Valid("ghost", entryAssembly: "Ghost.dll"));

        var state = Assert.Single(_plugins.Load(new ServiceCollection()));

        Assert.Equal(PluginStatus.Faulted, state.Status);
        Assert.Contains("'Ghost.dll' is not in the plugin folder", state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_assembly_that_is_not_an_assembly_is_incompatible()
    {
        var folder = _plugins.AddManifest("not-pe", Manifests.Valid("not-pe", entryAssembly: "NotPe.dll"));
        File.WriteAllBytes(Path.Combine(folder, "NotPe.dll"), [0x4d, 0x5a, 0x00, 0x01, 0x02, 0x03]);

        var state = Assert.Single(_plugins.Load(new ServiceCollection()));

        Assert.Equal(PluginStatus.Incompatible, state.Status);
        Assert.Contains("BadImageFormatException", state.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_assembly_may_not_be_a_shared_host_assembly()
    {
        var folder = _plugins.AddFixture("OwnAbstractionsCopyPlugin");
        File.WriteAllBytes(Path.Combine(folder, "plugin.json"), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            Manifests.Valid("fixture-own-copy", entryAssembly: "Livepeer.Abstractions.dll")));

        var state = Assert.Single(_plugins.Load(new ServiceCollection()));

        Assert.Equal(PluginStatus.Faulted, state.Status);
        Assert.Contains("shares with every plugin", state.Reason, StringComparison.Ordinal);
        Assert.False(PluginsFolder.WasLoaded(folder));
    }

    [Fact]
    public void Plugin_gets_its_manifest_own_config_section_absolute_folder_and_roles()
    {
        var folder = _plugins.AddFixture("GoodPlugin");
        var services = new ServiceCollection();

        _plugins.Load(services, new Dictionary<string, string?> { ["Plugins:fixture-good:Colour"] = "green", ["Node:Secret"] = "x" }, NodeRoles.Gateway | NodeRoles.Orchestrator);

        using var provider = services.BuildServiceProvider();
        var context = provider.GetRequiredService<PluginContext>();
        Assert.Equal("fixture-good", context.Manifest.Id);
        Assert.Equal("GoodPlugin.dll", context.Manifest.EntryAssembly);
        Assert.Equal(folder, context.Directory);
        Assert.True(Path.IsPathFullyQualified(context.Directory));
        Assert.Equal(NodeRoles.Gateway | NodeRoles.Orchestrator, context.Roles);
        Assert.Equal("green", context.Configuration["Colour"]);
        Assert.Null(context.Configuration["Node:Secret"]);
        Assert.Equal("Plugins:fixture-good", Assert.IsAssignableFrom<Microsoft.Extensions.Configuration.IConfigurationSection>(context.Configuration).Path);
    }
}
