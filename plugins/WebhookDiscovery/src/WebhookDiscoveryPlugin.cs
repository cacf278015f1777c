using System.Net;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.WebhookDiscovery;

/// <summary>
/// Registers the <c>webhook</c> discovery source on a gateway when <c>Plugins:WebhookDiscovery:Url</c> is set
/// (the host maps <c>-orchWebhookUrl</c> there). Without a URL it registers nothing, so naming <c>webhook</c> in
/// <c>-discovery</c> fails start-up with the list of known sources instead of silently finding no one.
/// </summary>
public sealed class WebhookDiscoveryPlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A setting is malformed (URL, header, duration or limit).</exception>
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var options = WebhookDiscoveryOptions.Read(context.Configuration);
        if (options.Url is null || !context.Roles.HasFlag(NodeRoles.Gateway))
        {
            return;
        }

        services.AddSingleton<IDiscoverySource>(sp => new WebhookDiscoverySource(
            options,
            CreateHttpClient(),
            ownsHttp: true,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<WebhookDiscoverySource>>() ?? NullLogger<WebhookDiscoverySource>.Instance));
    }

    // One long-lived client for the source's lifetime; recycled connections follow DNS changes of the webhook.
    private static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
            MaxAutomaticRedirections = 10, // as Go's http.Client
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // the source applies its own timeout on the injected clock
        };
}
