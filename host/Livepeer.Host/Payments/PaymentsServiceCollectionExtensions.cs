using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Configuration;
using Livepeer.Host.Grpc;
using Livepeer.Host.Redeemer;

namespace Livepeer.Host.Payments;

/// <summary>
/// Registers the host's side of the payment schemes: <see cref="IPaymentCodec"/> and <see cref="ISegmentCredentialsCodec"/> always; with a scheme other
/// than <c>none</c> or the redeemer role also the embedded <see cref="ITicketBroker"/>, the winning-ticket queue
/// and max float source (local, or the <c>-redeemerAddr</c> client), the queue worker where tickets are
/// redeemed here, and the <c>net.TicketRedeemer</c> service on a redeemer.
/// </summary>
internal static class PaymentsServiceCollectionExtensions
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration, NodeOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<IPaymentCodec, PaymentCodec>();
        services.AddSingleton<ISegmentCredentialsCodec, SegmentCredentialsCodec>();
        if (!options.UsesTicketBroker)
        {
            return services;
        }

        services.AddSingleton(BrokerOptions.Read(configuration, errors));
        services.AddSingleton<EmbeddedChain>();
        services.AddSingleton<EmbeddedTicketBroker>();
        services.AddSingleton<ITicketBroker>(sp => sp.GetRequiredService<EmbeddedTicketBroker>());
        services.AddSingleton<SqliteWinningTicketQueue>();
        services.AddSingleton(sp => new LocalSenderMonitor(
            sp.GetRequiredService<ITicketBroker>(),
            sp.GetService<IEthereumAccount>()?.Address ?? EthAddress.Zero));

        var isRedeemer = options.Roles.HasFlag(NodeRoles.Redeemer);
        if (options.RedeemerAddr is { } redeemer && !isRedeemer)
        {
            services.AddSingleton(sp => new RedeemerClient(
                redeemer,
                new GrpcClient(sp.GetRequiredService<RedeemerHttpClient>().Http),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<RedeemerClient>>()));
            services.AddSingleton<RedeemerHttpClient>();
            services.AddSingleton<IWinningTicketQueue>(sp => sp.GetRequiredService<RedeemerClient>());
            services.AddSingleton<IMaxFloatSource>(sp => sp.GetRequiredService<RedeemerClient>());
            services.AddHostedService(sp => sp.GetRequiredService<RedeemerClient>());
            return services;
        }

        services.AddSingleton<IWinningTicketQueue>(sp => sp.GetRequiredService<SqliteWinningTicketQueue>());
        services.AddSingleton<IMaxFloatSource>(sp => sp.GetRequiredService<LocalSenderMonitor>());
        if (isRedeemer || options.Roles.HasFlag(NodeRoles.Orchestrator))
        {
            services.AddSingleton<TicketRedemptionWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<TicketRedemptionWorker>());
        }

        if (isRedeemer)
        {
            services.AddSingleton<TicketRedeemerService>();
        }

        return services;
    }
}

