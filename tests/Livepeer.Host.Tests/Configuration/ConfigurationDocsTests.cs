using Livepeer.Host.Configuration;

namespace Livepeer.Host.Tests.Configuration;

/// <summary>docs/configuration.md lists every flag with its key and default, so the docs cannot drift from the code.</summary>
public sealed class ConfigurationDocsTests
{
    private static string Docs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "configuration.md");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException("docs/configuration.md");
    }

    [Fact]
    public void Every_flag_has_a_row_with_its_key_and_default()
    {
        var rows = Docs().Split('\n').Where(l => l.StartsWith("| `-", StringComparison.Ordinal)).ToList();
        foreach (var flag in NodeFlags.All)
        {
            var row = rows.SingleOrDefault(r => r.StartsWith($"| `-{flag.Name}`", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/configuration.md has no row for -{flag.Name}");
            Assert.Contains($"`{flag.ConfigKey}`", row, StringComparison.Ordinal);
            Assert.Contains(flag.Default.Length == 0 ? "(none)" : $"`{flag.Default}`", row, StringComparison.Ordinal);
            foreach (var alias in flag.Aliases)
            {
                Assert.Contains($"`-{alias}`", row, StringComparison.Ordinal);
            }
        }

        Assert.Equal(NodeFlags.All.Count, rows.Count);
    }
}
