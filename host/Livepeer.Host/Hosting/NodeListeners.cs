using System.Net;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Host.Configuration;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Livepeer.Host.Hosting;

/// <summary>
/// Binds each listener on Kestrel, tags every connection with its <see cref="NodeListener"/> so one
/// server can route per listener, and reports the addresses (real ports when 0 was asked for).
/// </summary>
internal sealed class NodeListeners : INodeAddresses
{
    private const string ItemKey = "livepeer.listener";
    private readonly Dictionary<NodeListener, (ListenOptions Options, ListenAddress Configured, string Scheme)> _bound = [];
    private readonly Dictionary<string, (ListenOptions Options, IConnectionListener Listener)> _plugins = new(StringComparer.Ordinal);

    /// <summary>Binds <paramref name="address"/> for <paramref name="listener"/>; <paramref name="configure"/> adds TLS or protocols.</summary>
    public void Bind(KestrelServerOptions kestrel, NodeListener listener, ListenAddress address, string scheme, Action<ListenOptions>? configure = null)
    {
        kestrel.Listen(new IPEndPoint(address.BindAddress, address.Port), options =>
        {
            configure?.Invoke(options);
            options.Use(next => connection =>
            {
                connection.Items[ItemKey] = listener;
                return next(connection);
            });
            _bound[listener] = (options, address, scheme);
        });
    }

    /// <summary>
    /// Binds a plugin's raw-TCP listener (RTMP, …) and lets the plugin build its connection pipeline; one that
    /// <see cref="IConnectionListener.RunsOnIoThread"/> is bound by <see cref="IoThreadTransport"/>.
    /// </summary>
    public void Bind(KestrelServerOptions kestrel, IConnectionListener listener)
    {
        EndPoint endPoint = listener.RunsOnIoThread ? new IoThreadEndPoint(listener.EndPoint) : listener.EndPoint;
        kestrel.Listen(endPoint, options =>
        {
            listener.Configure(options);
            _plugins[listener.Name] = (options, listener);
        });
    }

    /// <summary>Tells each plugin listener where it was bound; called once the server has started.</summary>
    public void NotifyBound()
    {
        foreach (var (options, listener) in _plugins.Values)
        {
            if (BoundAddress(options) is { } endPoint)
            {
                listener.OnBound(endPoint);
            }
        }
    }

    /// <summary>Plugin listeners by name, as <c>scheme://ip:port</c>; valid once the server has started.</summary>
    public IReadOnlyDictionary<string, Uri> PluginAddresses =>
        _plugins.ToDictionary(p => p.Key, p => new Uri($"{p.Value.Listener.Scheme}://{Format(BoundAddress(p.Value.Options)!)}"), StringComparer.Ordinal);

    /// <summary>The listener a request arrived on, or <c>null</c> when it was not tagged.</summary>
    public static NodeListener? Of(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var listener) == true ? (NodeListener?)listener : null;

    /// <summary>The bound socket address of each listener; valid once the server has started.</summary>
    public IReadOnlyDictionary<NodeListener, Uri> Addresses =>
        _bound.ToDictionary(b => b.Key, b => new Uri($"{b.Value.Scheme}://{Format(b.Value.Options.IPEndPoint!)}"));

    /// <inheritdoc />
    /// <remarks>The configured host (which may be a public name) with the port actually bound.</remarks>
    public Uri? GetBaseUri(NodeListener listener)
    {
        if (!_bound.TryGetValue(listener, out var bound) || bound.Options.IPEndPoint is not { Port: > 0 } endPoint)
        {
            return null;
        }

        var host = bound.Configured.Host is "0.0.0.0" or "::" ? Format(endPoint).Split(':')[0] : bound.Configured.Host;
        return new Uri($"{bound.Scheme}://{new ListenAddress(host, endPoint.Port)}");
    }

    /// <summary>
    /// Where a process on this machine reaches a listener: the bound address, or loopback when it is bound to every
    /// interface; null when the node does not run it (or has not started).
    /// </summary>
    public Uri? GetLocalUri(NodeListener listener)
    {
        if (!_bound.TryGetValue(listener, out var bound) || bound.Options.IPEndPoint is not { Port: > 0 } endPoint)
        {
            return null;
        }

        var address = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : endPoint.Address;
        return new Uri($"{bound.Scheme}://{Format(new IPEndPoint(address, endPoint.Port))}");
    }

    // Kestrel replaces the endpoint with the transport's bound one; before that an I/O-thread endpoint wraps the configured one
    private static IPEndPoint? BoundAddress(ListenOptions options) => options.EndPoint switch
    {
        IPEndPoint ip => ip,
        IoThreadEndPoint io => io.IPEndPoint,
        _ => null,
    };

    private static string Format(IPEndPoint endPoint) =>
        endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : endPoint.ToString();
}
