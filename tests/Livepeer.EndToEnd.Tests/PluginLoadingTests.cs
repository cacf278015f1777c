using System.Net.Http.Json;
using System.Text.Json;

namespace Livepeer.EndToEnd.Tests;

/// <summary>The built host loads real plugin folders: every shipped plugin is Active, a broken one is reported, not fatal.</summary>
public sealed class PluginLoadingTests
{
    private static string OutputFolder(string name) => Path.Combine(AppContext.BaseDirectory, name);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task<JsonElement> StatusAsync(NodeProcess node)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var status = await http.GetFromJsonAsync<JsonDocument>(new Uri(node.Cli, "/status"));
        return status!.RootElement.Clone();
    }

    [Fact]
    public async Task Every_shipped_plugin_loads_Active_and_registers_its_extensions()
    {
        var shipped = OutputFolder("shipped-plugins");
        var ids = Directory.GetDirectories(shipped).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(ids);
        Assert.All(Directory.GetDirectories(shipped), d => Assert.Empty(Directory.GetFiles(d, "Livepeer.Abstractions*.dll")));

        using var dir = new TemporaryDirectory();
        var node = await NodeProcess.StartAsync(dir.Combine("data"), shipped);
        await using (node)
        {
            var status = await StatusAsync(node);
            var plugins = status.GetProperty("plugins").EnumerateArray().ToList();
            Assert.Equal(ids, plugins.Select(p => p.GetProperty("id").GetString()));
            Assert.All(plugins, p => Assert.True(
                p.GetProperty("status").GetString() == "Active",
                $"{p.GetProperty("id")} is {p.GetProperty("status")}: {p.GetProperty("reason")}\n{node.StandardOutput}"));
            Assert.Equal(0, await node.StopAsync());
        }
    }

    [Fact]
    public async Task A_broken_plugin_is_reported_and_the_node_keeps_running()
    {
        using var dir = new TemporaryDirectory();
        var plugins = dir.Combine("plugins");
        CopyFolder(Path.Combine(OutputFolder("fixture-plugins"), "ThrowingPlugin"), Path.Combine(plugins, "ThrowingPlugin"));
        CopyFolder(Path.Combine(OutputFolder("fixture-plugins"), "WrongAbstractionsPlugin"), Path.Combine(plugins, "WrongAbstractionsPlugin"));
        CopyFolder(Path.Combine(OutputFolder("fixture-plugins"), "GoodPlugin"), Path.Combine(plugins, "GoodPlugin"));
        Directory.CreateDirectory(Path.Combine(plugins, "Garbage"));
        await File.WriteAllBytesAsync(Path.Combine(plugins, "Garbage", "plugin.json"), [0xff, 0x00, 0x7b, 0x22]);

        var node = await NodeProcess.StartAsync(dir.Combine("data"), plugins);
        await using (node)
        {
            var states = (await StatusAsync(node)).GetProperty("plugins").EnumerateArray()
                .ToDictionary(p => p.GetProperty("id").GetString()!, p => (Status: p.GetProperty("status").GetString(), Reason: p.GetProperty("reason").GetString()));
            Assert.Equal("Faulted", states["Garbage"].Status);
            Assert.Equal("Active", states.Single(s => s.Key.Contains("Good", StringComparison.OrdinalIgnoreCase)).Value.Status);
            var throwing = states.Single(s => s.Key.Contains("Throwing", StringComparison.OrdinalIgnoreCase)).Value;
            Assert.Equal("Faulted", throwing.Status);
            Assert.False(string.IsNullOrWhiteSpace(throwing.Reason));
            Assert.Equal("Incompatible", states.Single(s => s.Key.Contains("Wrong", StringComparison.OrdinalIgnoreCase)).Value.Status);
            Assert.Contains("Faulted", node.StandardOutput, StringComparison.Ordinal);
            Assert.Equal(0, await node.StopAsync());
        }
    }
}
