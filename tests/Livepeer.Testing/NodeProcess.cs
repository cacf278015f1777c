using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Livepeer.Testing;

/// <summary>
/// The real built host running as a child process on 127.0.0.1 with free ports (port 0) and its own
/// data directory. The listening addresses are read from the banner the node prints once it listens.
/// </summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, Uri> _listeners = [];

    private NodeProcess(Process process) => _process = process;

    public Uri? Http => _listeners.GetValueOrDefault("gateway");

    public Uri? Service => _listeners.GetValueOrDefault("orchestrator");

    public Uri Cli => _listeners["CLI/admin"];

    /// <summary>The Rtmp plugin's listener (<c>rtmp://127.0.0.1:port</c>) when the node runs it.</summary>
    public Uri? Rtmp => _listeners.GetValueOrDefault("rtmp");

    public string StandardOutput { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    public bool HasExited => _process.HasExited;

    /// <summary>The node's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>
    /// Starts the host with <paramref name="arguments"/> plus loopback port-0 listeners, and waits until it
    /// prints its banner (or exits).
    /// </summary>
    public static async Task<NodeProcess> StartAsync(string dataDir, string pluginsDir, IEnumerable<string>? arguments = null, TimeSpan? timeout = null)
    {
        var args = new List<string>
        {
            RepositoryPaths.HostAssembly,
            "-httpAddr", "127.0.0.1:0", "-serviceAddr", "127.0.0.1:0", "-cliAddr", "127.0.0.1:0", "-rtmpAddr", "127.0.0.1:0",
            "-datadir", dataDir, "-pluginsDir", pluginsDir,
        };
        args.AddRange(arguments ?? []);
        var node = Launch(args);
        var ready = await Task.WhenAny(node._ready.Task, node._process.WaitForExitAsync(), Task.Delay(timeout ?? TimeSpan.FromSeconds(30))).ConfigureAwait(false);
        if (ready != node._ready.Task)
        {
            var output = node.StandardOutput + node.StandardError;
            await node.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("The node did not start:\n" + output);
        }

        return node;
    }

    /// <summary>Runs the host with exactly <paramref name="arguments"/> and waits for it to exit.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var node = Launch([RepositoryPaths.HostAssembly, .. arguments]);
        await using (node.ConfigureAwait(false))
        {
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            await node._process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            node._process.WaitForExit(); // drain the output readers
            return (node._process.ExitCode, node.StandardOutput, node.StandardError);
        }
    }

    /// <summary>Sends SIGTERM and waits for a clean exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Kills the node alone (SIGKILL, no chance to clean up), leaving its children to fend for themselves.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="pid"/> is a live process (a zombie waiting to be reaped counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart();
            return state.Length > 0 && state[0] != 'Z' && state[0] != 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static NodeProcess Launch(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var node = new NodeProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        node._process.OutputDataReceived += (_, e) => node.OnOutput(e.Data);
        node._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (node._stderr)
                {
                    node._stderr.AppendLine(e.Data);
                }
            }
        };
        node._process.Start();
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            _stdout.AppendLine(line);
        }

        if (RtmpBannerLine().Match(line) is { Success: true } rtmp)
        {
            _listeners["rtmp"] = new Uri(rtmp.Groups["url"].Value);
        }

        var match = BannerLine().Match(line);
        if (match.Success)
        {
            _listeners[match.Groups["what"].Value] = new Uri(match.Groups["url"].Value);
            if (match.Groups["what"].Value == "CLI/admin")
            {
                _ready.TrySetResult();
            }
        }
    }

    [GeneratedRegex(@"^\s+(?<url>https?://\S+)\s+(?<what>gateway|orchestrator|CLI/admin)\b")]
    private static partial Regex BannerLine();

    [GeneratedRegex(@"^\s+(?<url>rtmp://\S+)\s+rtmp \(plugin listener\)")]
    private static partial Regex RtmpBannerLine();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
