namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>One WHIP or WHEP session: an HTTP-created resource with a peer behind it, until DELETE or the peer goes.</summary>
internal abstract class WebRtcSession
{
    private readonly CancellationTokenSource _stop = new();
    private int _closing;

    protected WebRtcSession(string id, string stream, DateTimeOffset startedAt)
    {
        Id = id;
        Stream = stream;
        StartedAt = startedAt;
    }

    /// <summary>The random resource id (16 hex digits), the last segment of the Location URL.</summary>
    public string Id { get; }

    /// <summary>The stream name the session publishes or plays.</summary>
    public string Stream { get; }

    /// <summary><c>whip</c> or <c>whep</c>.</summary>
    public abstract string Kind { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Why the session ended, once it has.</summary>
    public string? EndReason { get; protected set; }

    /// <summary>Completes when the session has ended and released everything.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Cancelled when the session is asked to stop (DELETE, shutdown).</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>A JSON-friendly snapshot of the session's counters for the status routes.</summary>
    public abstract WebRtcSessionStatus Status();

    /// <summary>Starts the session's work in the background; the registry removes it when that ends.</summary>
    public void Start(WebRtcSessions registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Completion = Task.Run(async () =>
        {
            try
            {
                await RunAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                EndReason ??= "closed";
            }
#pragma warning disable CA1031 // a session's failure ends that session, never the node
            catch (Exception e)
#pragma warning restore CA1031
            {
                EndReason ??= e.Message;
            }
            finally
            {
                await ReleaseAsync().ConfigureAwait(false);
                registry.Remove(this);
                _stop.Dispose();
            }
        });
    }

    /// <summary>Asks the session to end (idempotent) and waits for it to release everything.</summary>
    public async Task StopAsync(string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            EndReason ??= reason;
            try
            {
                await _stop.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // already ended by itself
            }
        }

        await Completion.ConfigureAwait(false);
    }

    /// <summary>Waits for ICE and DTLS; false (with the reason set) when the peer did not connect within <paramref name="timeout"/>.</summary>
    protected async Task<bool> ConnectAsync(IRtcPeer peer, TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(peer);
        using var connectTimeout = new CancellationTokenSource(timeout, time);
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(Stopping, connectTimeout.Token);
        try
        {
            await peer.Connected.WaitAsync(connect.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!Stopping.IsCancellationRequested)
        {
            EndReason = "ICE/DTLS did not connect in time";
            return false;
        }
    }

    /// <summary>The session's work; returns when the session ends.</summary>
    protected abstract Task RunAsync();

    /// <summary>Releases the peer and hub resources; called once, whatever happened.</summary>
    protected abstract ValueTask ReleaseAsync();
}
