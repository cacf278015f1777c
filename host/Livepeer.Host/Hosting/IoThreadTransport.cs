using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using KestrelListener = Microsoft.AspNetCore.Connections.IConnectionListener;

namespace Livepeer.Host.Hosting;

/// <summary>
/// Where a plugin listener whose connections run on the socket's I/O thread binds
/// (<see cref="Livepeer.Abstractions.AspNetCore.IConnectionListener.RunsOnIoThread"/>): an IP address that only
/// <see cref="IoThreadTransport"/> binds, so Kestrel's default transport never takes it.
/// </summary>
internal sealed class IoThreadEndPoint(IPEndPoint endPoint) : EndPoint
{
    public IPEndPoint IPEndPoint => endPoint;

    public override AddressFamily AddressFamily => endPoint.AddressFamily;

    public override string ToString() => endPoint.ToString();
}

/// <summary>
/// Kestrel's socket transport set up so that a connection's reads are handled where the socket reported them:
/// the socket engine's epoll thread runs the receive completion (no thread-pool work item per read), the pipe hands
/// the bytes to the connection handler inline (no second work item), and each readiness is one <c>recv</c> into a
/// buffer that is already there (no zero-byte read first). This is how nginx serves RTMP (one event loop, no
/// hand-offs); with the default transport every read of a publisher (≈ 75 a second at 2 Mbps) woke two thread-pool
/// workers, which is most of what RTMP ingest cost (docs/benchmarks.md). Only for handlers that never block
/// (a blocking handler would stall every socket of that epoll thread), so it is opt-in per listener.
/// </summary>
internal sealed class IoThreadTransport : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    // System.Net.Sockets' per-socket switch for running completions on the epoll thread (the process-wide switch is
    // the DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS environment variable). It is internal but kept for reflection
    // on purpose; when a runtime lacks it, completions go through the thread pool as usual (still inline in the pipe).
    private static readonly PropertyInfo? InlineCompletions =
        typeof(Socket).GetProperty("PreferInlineCompletions", BindingFlags.Instance | BindingFlags.NonPublic) is { CanWrite: true, PropertyType: var type } property
        && type == typeof(bool) ? property : null;

    private readonly SocketTransportFactory _sockets;

    public IoThreadTransport(ILoggerFactory loggerFactory)
    {
        _sockets = new SocketTransportFactory(
            Options.Create(new SocketTransportOptions
            {
                UnsafePreferInlineScheduling = true,
                WaitForDataBeforeAllocatingBuffer = false,
            }),
            loggerFactory);
    }

    /// <summary>Whether this runtime lets a socket complete on its epoll thread (else only the pipe hand-off is inline).</summary>
    public static bool CompletesOnEpollThread => InlineCompletions is not null;

    public bool CanBind(EndPoint endpoint) => endpoint is IoThreadEndPoint;

    public async ValueTask<KestrelListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var address = (endpoint as IoThreadEndPoint ?? throw new ArgumentException($"{endpoint} is not an I/O-thread endpoint.", nameof(endpoint))).IPEndPoint;
        return new Listener(await _sockets.BindAsync(address, cancellationToken).ConfigureAwait(false));
    }

    private sealed class Listener(KestrelListener inner) : KestrelListener
    {
        public EndPoint EndPoint => inner.EndPoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            var connection = await inner.AcceptAsync(cancellationToken).ConfigureAwait(false);
            if (connection?.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
            {
                // read on every readiness event, so setting it after Kestrel's first receive was queued still applies
                InlineCompletions?.SetValue(socket, true);
            }

            return connection;
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default) => inner.UnbindAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
