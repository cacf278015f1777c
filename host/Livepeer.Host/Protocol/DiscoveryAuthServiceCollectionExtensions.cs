using Livepeer.Host.Configuration;

namespace Livepeer.Host.Protocol;

/// <summary>Registers the orchestrator's discovery auth webhook when <c>-authWebhookUrl</c> is set.</summary>
internal static class DiscoveryAuthServiceCollectionExtensions
{
    /// <summary>How long the orchestrator waits for the webhook; a gateway's discovery waits 500 ms at first.</summary>
    public static readonly TimeSpan WebhookTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddDiscoveryAuthWebhook(this IServiceCollection services, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AuthWebhookUrl is { } url)
        {
            services.AddSingleton<IDiscoveryAuthorizer>(sp => new AuthWebhookDiscoveryAuthorizer(
                url, WebhookTimeout, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AuthWebhookDiscoveryAuthorizer>>()));
        }

        return services;
    }
}
