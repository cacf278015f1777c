using System.Text;
using Livepeer.Host.Configuration;
using Livepeer.Host.Workers;
using Livepeer.Testing;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Host.Tests.Workers;

/// <summary>Reading <c>Workers:*</c>, the placeholders, the embedded sample defaults, the output pump and the generated secret.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // /proc, POSIX signals and file modes
public sealed class ManagedWorkerConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void A_worker_section_gives_command_ordered_args_env_and_timeouts()
    {
        var errors = new List<string>();
        var workers = ManagedWorkerDefinition.Read(Config(
            ("Workers:w1:Command", "python3"),
            ("Workers:w1:Args:1", "--port=0"),
            ("Workers:w1:Args:0", "worker.py"),
            ("Workers:w1:Env:ORCH_URL", "{orchUrl}"),
            ("Workers:w1:StopTimeout", "2s"),
            ("Workers:off:Enabled", "false")), errors);

        Assert.Empty(errors);
        Assert.Equal(["off", "w1"], workers.Select(w => w.Name));
        var w1 = workers[1];
        Assert.Equal("python3", w1.Command);
        Assert.Equal(["worker.py", "--port=0"], w1.Args);
        Assert.Equal("{orchUrl}", w1.Env["ORCH_URL"]);
        Assert.Equal(TimeSpan.FromSeconds(2), w1.StopTimeout);
        Assert.True(w1.Enabled);
        Assert.False(workers[0].Enabled); // a disabled worker needs no command
    }

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        var errors = new List<string>();
        ManagedWorkerDefinition.Read(Config(
            ("Workers:no-command:Args:0", "x"),
            ("Workers:gap:Command", "x"),
            ("Workers:gap:Args:0", "a"),
            ("Workers:gap:Args:2", "c"),
            ("Workers:words:Command", "x"),
            ("Workers:words:Args:first", "a"),
            ("Workers:bad name!:Command", "x"),
            ("Workers:flag:Command", "x"),
            ("Workers:flag:Enabled", "yes"),
            ("Workers:slow:Command", "x"),
            ("Workers:slow:StopTimeout", "soon")), errors);

        Assert.Contains(errors, e => e.Contains("Workers:no-command:Command is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Workers:gap:Args: argument 1 is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Workers:words:Args:first", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Workers:bad name!", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Workers:flag:Enabled must be true or false", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("StopTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void The_command_line_takes_worker_settings()
    {
        var parsed = CommandLine.Parse(["--Workers:tint:Enabled=false", "--Workers:x:Args:0", "a b"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal("false", parsed.Settings["Workers:tint:Enabled"]);
        Assert.Equal("a b", parsed.Settings["Workers:x:Args:0"]);
    }

    [Fact]
    public void Placeholders_are_expanded_and_other_braces_stay()
    {
        var placeholders = new WorkerPlaceholders("https://127.0.0.1:8935", "s3cret", "/opt/node", "/data", "/usr/bin/dotnet");
        Assert.Equal("/usr/bin/dotnet /opt/node/w.dll https://127.0.0.1:8935 s3cret /data {\"json\":{}} {other}",
            placeholders.Expand("{dotnet} {nodeDir}/w.dll {orchUrl} {orchSecret} {dataDir} {\"json\":{}} {other}"));
    }

    [Fact]
    public void The_tint_sample_is_a_default_only_when_its_program_is_there()
    {
        using var dir = new TemporaryDirectory();
        var missing = SampleWorkers.Defaults(dir.Path);
        Assert.Equal("false", missing["Workers:tint:Enabled"]);

        Directory.CreateDirectory(Path.GetDirectoryName(SampleWorkers.TintProgram(dir.Path))!);
        File.WriteAllText(SampleWorkers.TintProgram(dir.Path), "");
        var present = SampleWorkers.Defaults(dir.Path);
        Assert.Equal("true", present["Workers:tint:Enabled"]);
        Assert.Equal("{orchSecret}", present["Workers:tint:Env:TINT_OrchSecret"]);

        // Read back through configuration, the defaults make a valid worker.
        var errors = new List<string>();
        var tint = Assert.Single(ManagedWorkerDefinition.Read(new ConfigurationBuilder().AddInMemoryCollection(present).Build(), errors));
        Assert.Empty(errors);
        Assert.Equal("{dotnet}", tint.Command);
        Assert.EndsWith("Livepeer.Samples.TintWorker.dll", Assert.Single(tint.Args), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_output_is_passed_on_by_line_with_long_lines_cut_and_garbage_replaced()
    {
        var lines = new List<string>();
        var input = Encoding.UTF8.GetBytes("first\r\nsecond\n\n")
            .Concat(Enumerable.Repeat((byte)'x', WorkerOutput.MaxLine + 10)).Concat("\n"u8.ToArray())
            .Concat(new byte[] { 0xff, 0xfe, (byte)'z' })
            .ToArray();
        await WorkerOutput.PumpAsync(new MemoryStream(input), lines.Add);

        Assert.Equal(5, lines.Count);
        Assert.Equal(["first", "second"], lines.Take(2));
        Assert.Equal(WorkerOutput.MaxLine, lines[2].Length);
        Assert.Equal(new string('x', 10), lines[3]);
        Assert.EndsWith("z", lines[4], StringComparison.Ordinal);
        Assert.Contains('\uFFFD', lines[4]);
    }

    [Fact]
    public void The_generated_secret_is_private_and_kept_across_restarts()
    {
        using var dir = new TemporaryDirectory();
        var data = dir.Combine("data");
        var first = OrchSecretFile.LoadOrCreate(data);
        Assert.Equal(64, first.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(OrchSecretFile.PathIn(data)));
        Assert.Equal(first, OrchSecretFile.LoadOrCreate(data));

        using var other = new TemporaryDirectory();
        Assert.NotEqual(first, OrchSecretFile.LoadOrCreate(other.Path));
    }
}
