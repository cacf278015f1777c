using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Livepeer.Host.Workers;

/// <summary>
/// Starts worker processes so that they die with the node, even when the node is killed outright. On Linux each
/// program is started through <c>setpriv --pdeathsig TERM</c> (util-linux), which asks the kernel to send
/// SIGTERM when the creating thread ends; the kernel ties that signal to the thread, not the process, so every
/// start happens on one dedicated thread that lives as long as the node. Elsewhere (or without setpriv) the
/// program is started directly and only the stdin lifeline (docs/byoc.md) ties it to the node.
/// </summary>
internal sealed class ProcessSpawner : IDisposable
{
    private const int SigTerm = 15;
    private static readonly string[] SetprivLocations = ["/usr/bin/setpriv", "/bin/setpriv"];

    private readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> _queue = [];
    private readonly Thread _thread;

    public ProcessSpawner()
    {
        Setpriv = OperatingSystem.IsLinux() ? SetprivLocations.FirstOrDefault(File.Exists) : null;
        _thread = new Thread(Run) { IsBackground = true, Name = "Livepeer worker spawner" };
        _thread.Start();
    }

    /// <summary>The setpriv program used to tie children to the node, or null when there is none.</summary>
    public string? Setpriv { get; }

    /// <summary>Starts <paramref name="info"/> on the spawner thread (wrapped in setpriv when available).</summary>
    public Task<Process> StartAsync(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (Setpriv is { } setpriv)
        {
            info.ArgumentList.Insert(0, info.FileName);
            info.ArgumentList.Insert(0, "--");
            info.ArgumentList.Insert(0, "TERM");
            info.ArgumentList.Insert(0, "--pdeathsig");
            info.FileName = setpriv;
        }

        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((info, started));
        return started.Task;
    }

    /// <summary>Asks a process to stop (SIGTERM); false where signals are not available.</summary>
    public static bool Terminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
        _queue.Dispose();
    }

    private void Run()
    {
        foreach (var (info, started) in _queue.GetConsumingEnumerable())
        {
            try
            {
                started.TrySetResult(Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start"));
            }
            catch (Exception e)
            {
                started.TrySetException(e);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
