using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Livepeer.Template.Tests;

/// <summary>
/// The plugin template end to end, as a third party uses it: the abstractions packed into a local feed, the
/// template installed from the repository into an isolated hive, one plugin of every kind generated outside
/// the repository (so the repository's Directory.Build.props and central package versions do not apply),
/// built, conformance-tested, and loaded into the real host, which reports every one Active and, with the shipped
/// Byoc and Trickle plugins beside them, offers the byoc kind's capability.
/// </summary>
public sealed partial class PluginTemplateTests
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan QuickTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Each kind, the plugin generated for it, and the <c>/status</c> extension points its extension appears under.</summary>
    private static readonly (string Kind, string Name, string[] Points)[] Kinds =
    [
        ("selector", "SampleSelector", ["selector"]),
        ("byoc", "SampleByoc", ["BYOC capability"]),
        ("discovery", "SampleDiscovery", ["discovery"]),
        ("payment", "SamplePayment", ["payment sender", "payment receiver"]),
        ("ingest", "SampleIngest", ["ingest"]),
        ("egress", "SampleEgress", ["egress"]),
        ("transcoder", "SampleTranscoder", ["transcoder"]),
    ];

    [Fact]
    public async Task Every_kind_is_generated_built_conformance_tested_and_loaded_Active_by_the_host()
    {
        using var work = new TemporaryDirectory("livepeer-template");
        var feed = work.Combine("feed");
        var generated = work.Combine("generated");
        Directory.CreateDirectory(generated);

        // A version no earlier run used, so that a stale package in the NuGet cache can never be picked up.
        var version = $"1.0.0-t{Guid.NewGuid():N}"[..22];
        try
        {
            await PackAbstractionsAsync(work, feed, version);
            await GenerateAsync(work, generated, version);
            await File.WriteAllTextAsync(Path.Combine(generated, "nuget.config"), NuGetConfig(feed));
            await File.WriteAllTextAsync(Path.Combine(generated, "plugins.slnx"), Solution(generated));

            (await DotnetCli.RunAsync(generated, ["build", "plugins.slnx", "-c", "Release", "-nodeReuse:false", "-nologo", "-v:minimal"], BuildTimeout)).EnsureSuccess();
            var test = await DotnetCli.RunAsync(generated, ["test", "plugins.slnx", "-c", "Release", "--no-build", "-nologo"], BuildTimeout);
            AssertEveryKindPassed(test);

            var pluginsDir = CollectPlugins(generated, work.Combine("plugins"));
            await AssertHostLoadsEveryPluginAsync(work.Combine("data"), pluginsDir);
        }
        finally
        {
            DeleteCachedPackages(version);
        }
    }

    private static async Task PackAbstractionsAsync(TemporaryDirectory work, string feed, string version)
    {
        // One solution over the four packable projects: one restore and one build. A separate artifacts path
        // keeps this build (with its own version) out of the repository's bin/ and obj/ folders.
        var projects = new[] { "Livepeer.Abstractions", "Livepeer.Abstractions.Hosting", "Livepeer.Abstractions.AspNetCore", "Livepeer.Abstractions.Conformance" };
        var solution = work.Combine("abstractions.slnx");
        await File.WriteAllTextAsync(solution, "<Solution>\n" + string.Concat(projects.Select(p =>
            $"  <Project Path=\"{Path.Combine(RepositoryPaths.Root, "abstractions", p, p + ".csproj")}\" />\n")) + "</Solution>\n");

        (await DotnetCli.RunAsync(work.Path,
            ["pack", solution, "-c", "Release", "-o", feed, "--artifacts-path", work.Combine("artifacts"), $"-p:Version={version}", "-nodeReuse:false", "-nologo", "-v:minimal"],
            PackTimeout)).EnsureSuccess();

        var packed = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(projects.Select(p => $"{p}.{version}.nupkg").Order(StringComparer.Ordinal), packed);
    }

    private static async Task GenerateAsync(TemporaryDirectory work, string generated, string version)
    {
        var hive = work.Combine("template-hive");
        var template = Path.Combine(RepositoryPaths.Root, "plugin-template", "templates", "livepeer-plugin");
        (await DotnetCli.RunAsync(work.Path, ["new", "install", template, "--debug:custom-hive", hive], QuickTimeout)).EnsureSuccess();

        foreach (var (kind, name, _) in Kinds)
        {
            (await DotnetCli.RunAsync(generated,
                ["new", "livepeer-plugin", "-n", name, "--kind", kind, "--abstractionsVersion", version, "--debug:custom-hive", hive],
                QuickTimeout)).EnsureSuccess();

            var root = Path.Combine(generated, name);
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root, "plugin.json")));
            Assert.Equal(name, manifest.RootElement.GetProperty("id").GetString());
            Assert.Equal($"{name}.dll", manifest.RootElement.GetProperty("entryAssembly").GetString());
            Assert.Equal("1.0", manifest.RootElement.GetProperty("abstractionsVersion").GetString());
            Assert.True(File.Exists(Path.Combine(root, "src", $"{name}Plugin.cs")), $"{name}: no src/{name}Plugin.cs");
            Assert.True(File.Exists(Path.Combine(root, "test", $"{name}.Tests.csproj")), $"{name}: no test project");
            Assert.DoesNotContain("MyPlugin", string.Concat(Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
        }

        // Only the chosen kind's sources are generated, and --tests false leaves the test project out.
        var untested = work.Combine("untested");
        Directory.CreateDirectory(untested);
        (await DotnetCli.RunAsync(untested, ["new", "livepeer-plugin", "-n", "Bare", "--kind", "egress", "--tests", "false", "--debug:custom-hive", hive], QuickTimeout)).EnsureSuccess();
        Assert.False(Directory.Exists(Path.Combine(untested, "Bare", "test")), "--tests false generated a test project.");
        Assert.Equal(["BareEgress.cs", "BarePlugin.cs"], Directory.GetFiles(Path.Combine(untested, "Bare", "src"), "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static void AssertEveryKindPassed(CliResult test)
    {
        var summaries = TestSummary().Matches(test.Output).ToDictionary(m => m.Groups["assembly"].Value, m => m, StringComparer.Ordinal);
        foreach (var (_, name, _) in Kinds)
        {
            Assert.True(summaries.TryGetValue($"{name}.Tests.dll", out var summary), $"No test results for {name}:\n{test.Output}");
            Assert.True(int.Parse(summary.Groups["failed"].Value) == 0, $"{name}: tests failed:\n{test.Output}");
            Assert.True(int.Parse(summary.Groups["passed"].Value) > 0, $"{name}: no test passed:\n{test.Output}");
        }

        Assert.True(test.ExitCode == 0, $"`{test.Command}` exited with {test.ExitCode}:\n{test.Output}");
    }

    private static string CollectPlugins(string generated, string pluginsDir)
    {
        foreach (var (_, name, _) in Kinds)
        {
            var output = Path.Combine(generated, name, "src", "bin", "Release", "net10.0");
            var folder = Path.Combine(pluginsDir, name);
            Directory.CreateDirectory(folder);
            foreach (var file in Directory.GetFiles(output))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
            Assert.Contains("plugin.json", files);
            Assert.Contains($"{name}.dll", files);
            Assert.True(
                !files.Any(f => f!.StartsWith("Livepeer.Abstractions", StringComparison.OrdinalIgnoreCase)),
                $"{name}'s plugin folder holds a copy of the abstractions: {string.Join(", ", files)}");
        }

        // The node's BYOC side, which offers in-process capabilities (Byoc) and runs their streams (Trickle).
        foreach (var shipped in new[] { "Byoc", "Trickle" })
        {
            var from = Path.Combine(AppContext.BaseDirectory, "shipped-plugins", shipped);
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(pluginsDir, shipped, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        return pluginsDir;
    }

    private static async Task AssertHostLoadsEveryPluginAsync(string dataDir, string pluginsDir)
    {
        var node = await NodeProcess.StartAsync(dataDir, pluginsDir, timeout: TimeSpan.FromSeconds(60));
        await using (node)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var status = (await http.GetFromJsonAsync<JsonDocument>(new Uri(node.Cli, "/status")))!;
            var root = status.RootElement;
            var report = $"/status: {root}\nnode output:\n{node.StandardOutput}{node.StandardError}";
            var plugins = root.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, StringComparer.Ordinal);
            foreach (var (kind, name, points) in Kinds)
            {
                Assert.True(plugins.TryGetValue(name, out var plugin), $"{name} is not in /status. {report}");
                Assert.True(plugin.GetProperty("status").GetString() == "Active", $"{name} is not Active. {report}");
                Assert.Equal("1.0.0", plugin.GetProperty("version").GetString());
                foreach (var point in points)
                {
                    var names = root.GetProperty("extensions").GetProperty(point).EnumerateArray().Select(e => e.GetString());
                    Assert.True(names.Contains(name.ToLowerInvariant()), $"The {kind} plugin's extension is not a {point}. {report}");
                }
            }

            // The byoc kind is a capability the orchestrator offers: in-process, under its name, with its capacity.
            foreach (var shipped in new[] { "Byoc", "Trickle" })
            {
                Assert.True(plugins.TryGetValue(shipped, out var plugin) && plugin.GetProperty("status").GetString() == "Active", $"{shipped} is not Active. {report}");
            }

            var byoc = Kinds.Single(k => k.Kind == "byoc").Name.ToLowerInvariant();
            var offered = root.GetProperty("sections").TryGetProperty("capabilities", out var capabilities) && capabilities.TryGetProperty(byoc, out var entry) ? entry : default;
            Assert.True(offered.ValueKind == JsonValueKind.Object, $"The byoc plugin's capability '{byoc}' is not offered. {report}");
            Assert.Equal("in-process", offered.GetProperty("kind").GetString());
            Assert.Equal(2, offered.GetProperty("capacity").GetInt32());

            Assert.True(await node.StopAsync() == 0, $"The node did not stop cleanly:\n{node.StandardOutput}{node.StandardError}");
        }
    }

    private static string NuGetConfig(string feed) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <!-- The packed abstractions, in addition to the machine's usual sources (nuget.org). -->
        <configuration>
          <packageSources>
            <add key="livepeer-local" value="{feed}" />
          </packageSources>
        </configuration>
        """;

    private static string Solution(string generated) =>
        "<Solution>\n" + string.Concat(Kinds.SelectMany(k => new[]
        {
            $"  <Project Path=\"{k.Name}/src/{k.Name}.csproj\" />\n",
            $"  <Project Path=\"{k.Name}/test/{k.Name}.Tests.csproj\" />\n",
        })) + "</Solution>\n";

    private static void DeleteCachedPackages(string version)
    {
        // The unique version was extracted into the NuGet cache; it is of no use to anyone after this run.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "livepeer.abstractions", "livepeer.abstractions.hosting", "livepeer.abstractions.aspnetcore", "livepeer.abstractions.conformance" })
        {
            try
            {
                var folder = Path.Combine(cache, id, version.ToLowerInvariant());
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // Best effort.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    // "Passed!  - Failed:     0, Passed:    17, Skipped:     0, Total:    17, Duration: 290 ms - X.Tests.dll (net10.0)"
    [GeneratedRegex(@"(?:Passed|Failed)!\s+-\s+Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+),\s+Skipped:\s+\d+,\s+Total:\s+\d+,\s+Duration:[^-]+-\s+(?<assembly>\S+\.dll)")]
    private static partial Regex TestSummary();
}
