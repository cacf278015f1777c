using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Livepeer.Host.Hosting;

/// <summary>
/// Binds each listener on Kestrel, tags every connection with its <see cref="ListenerKind"/> so one
/// server can route per listener, and reports the bound addresses (real ports when 0 was asked for).
/// </summary>
internal sealed class NodeListeners
{
    private const string ItemKey = "livepeer.listener";
    private readonly Dictionary<ListenerKind, (ListenOptions Options, string Scheme)> _bound = [];

    /// <summary>Binds <paramref name="endPoint"/> for <paramref name="kind"/>; <paramref name="configure"/> adds TLS or protocols.</summary>
    public void Bind(KestrelServerOptions kestrel, ListenerKind kind, IPEndPoint endPoint, string scheme, Action<ListenOptions>? configure = null)
    {
        kestrel.Listen(endPoint, options =>
        {
            configure?.Invoke(options);
            options.Use(next => connection =>
            {
                connection.Items[ItemKey] = kind;
                return next(connection);
            });
            _bound[kind] = (options, scheme);
        });
    }

    /// <summary>The listener a request arrived on, or <c>null</c> when it was not tagged.</summary>
    public static ListenerKind? Of(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var kind) == true ? (ListenerKind?)kind : null;

    /// <summary>The URL of each bound listener; valid once the server has started.</summary>
    public IReadOnlyDictionary<ListenerKind, Uri> Addresses =>
        _bound.ToDictionary(b => b.Key, b => new Uri($"{b.Value.Scheme}://{Format(b.Value.Options.IPEndPoint!)}"));

    private static string Format(IPEndPoint endPoint) =>
        endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : endPoint.ToString();
}
