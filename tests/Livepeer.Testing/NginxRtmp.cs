using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Livepeer.Testing;

/// <summary>
/// A real nginx with the RTMP module (Debian <c>nginx</c> + <c>libnginx-mod-rtmp</c>, listed in
/// scripts/test-packages.txt) as a single foreground process owned by the current user: its configuration,
/// pid file and logs live in a temporary folder, it serves <c>rtmp://127.0.0.1:{Port}/live/…</c> (live relay
/// only, no recording), and disposing kills it.
/// </summary>
public sealed class NginxRtmp : IAsyncDisposable
{
    /// <summary>Where Debian installs the nginx binary.</summary>
    public const string Binary = "/usr/sbin/nginx";

    /// <summary>Where Debian's <c>libnginx-mod-rtmp</c> installs the dynamic module.</summary>
    public const string Module = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

    private readonly Process _process;
    private readonly TemporaryDirectory _folder;

    private NginxRtmp(Process process, TemporaryDirectory folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    /// <summary>The loopback port nginx listens on.</summary>
    public int Port { get; }

    /// <summary>The nginx process id (for CPU accounting).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Why nginx cannot run here, or null when the binary and the module are installed.</summary>
    public static string? Unavailable =>
        !File.Exists(Binary) ? $"{Binary} is missing (apt-get install nginx libnginx-mod-rtmp; ./test.sh does it as root)"
        : !File.Exists(Module) ? $"{Module} is missing (apt-get install libnginx-mod-rtmp; ./test.sh does it as root)"
        : null;

    /// <summary>The URL of stream <paramref name="name"/> in the <c>live</c> application.</summary>
    public Uri Url(string name) => new($"rtmp://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/live/{name}");

    /// <summary>
    /// Starts nginx on a free loopback port (found by binding port 0, then released; on a clash another port is
    /// tried) and waits until it accepts connections.
    /// </summary>
    /// <exception cref="InvalidOperationException">nginx is not installed or did not start; the message holds its error log.</exception>
    public static async Task<NginxRtmp> StartAsync(int maxConnections = 1024)
    {
        if (Unavailable is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var errors = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var folder = new TemporaryDirectory("nginx-rtmp");
            var port = FreePort();
            File.WriteAllText(folder.Combine("nginx.conf"), Config(folder.Path, port, maxConnections));
            var info = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-p", folder.Path + "/", "-e", folder.Combine("error.log"), "-c", folder.Combine("nginx.conf") })
            {
                info.ArgumentList.Add(argument);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("nginx did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (await WaitListeningAsync(process, port).ConfigureAwait(false))
            {
                return new NginxRtmp(process, folder, port);
            }

            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
            var log = File.Exists(folder.Combine("error.log")) ? await File.ReadAllTextAsync(folder.Combine("error.log")).ConfigureAwait(false) : "";
            errors.Add($"port {port}: {await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}{log}");
            process.Dispose();
            folder.Dispose();
            if (!log.Contains("Address already in use", StringComparison.Ordinal))
            {
                break;
            }
        }

        throw new InvalidOperationException("nginx did not start:\n" + string.Join("\n", errors));
    }

    /// <summary>nginx's error log so far (publish/play events at <c>info</c> level).</summary>
    public string ErrorLog => File.Exists(_folder.Combine("error.log")) ? File.ReadAllText(_folder.Combine("error.log")) : "";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
        _folder.Dispose();
    }

    private static string Config(string folder, int port, int maxConnections) => $$"""
        load_module {{Module}};
        daemon off;
        master_process off;
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log info;
        events { worker_connections {{maxConnections}}; }
        rtmp {
            server {
                listen 127.0.0.1:{{port}};
                chunk_size 4096;
                application live {
                    live on;
                    record off;
                }
            }
        }
        """;

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static async Task<bool> WaitListeningAsync(Process process, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                return false;
            }

            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).ConfigureAwait(false);
                return !process.HasExited;
            }
            catch (SocketException)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        return false;
    }
}
