using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Livepeer.Testing;

/// <summary>
/// werift (npm, a TypeScript WebRTC stack independent of ours and of Chromium's) as a WHIP publisher and WHEP player,
/// driven through <c>tests/interop/werift/client.mjs</c>; test.sh installs node and runs <c>npm ci</c> there.
/// </summary>
public static class WeriftClient
{
    /// <summary>The npm project folder.</summary>
    public static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "interop", "werift");

    private static readonly string Script = Path.Combine(Folder, "client.mjs");

    /// <summary>Why werift cannot run here (node or the npm package missing), or null when it can.</summary>
    public static string? MissingReason { get; } = FindMissing();

    /// <summary>
    /// Runs <c>node client.mjs {mode} {url} {seconds} [extra]</c> and returns the JSON summary it prints last.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client failed or ran long; the message holds its output.</exception>
    public static async Task<JsonElement> RunAsync(string mode, Uri url, int seconds, string? extra = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add(mode);
        info.ArgumentList.Add(url.ToString());
        info.ArgumentList.Add(seconds.ToString(CultureInfo.InvariantCulture));
        if (extra is not null)
        {
            info.ArgumentList.Add(extra);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var limit = TimeSpan.FromSeconds(seconds + 40);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new InvalidOperationException($"werift {mode} ran past {limit.TotalSeconds} s: {await stderr.ConfigureAwait(false)}");
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (process.ExitCode != 0 || last is null)
        {
            throw new InvalidOperationException($"werift {mode} exited {process.ExitCode}: {errors}\n{output}");
        }

        using var json = JsonDocument.Parse(last);
        return json.RootElement.Clone();
    }

    private static string? FindMissing()
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "werift", "package.json")))
        {
            return $"werift is not installed in {Folder} (./test.sh runs npm ci there)";
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null || !process.WaitForExit(10_000) || process.ExitCode != 0)
            {
                return "node --version failed (./test.sh installs Debian's nodejs)";
            }

            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return "node is not installed (./test.sh installs Debian's nodejs): " + e.Message;
        }
    }
}
