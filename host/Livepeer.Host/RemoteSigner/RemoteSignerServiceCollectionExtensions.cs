using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Configuration;
using Livepeer.Host.Hosting;

namespace Livepeer.Host.RemoteSigner;

/// <summary>Registers the remote signer role (<c>-remoteSigner</c>); the gateway's discovery and payment sender are registered with it.</summary>
internal static class RemoteSignerServiceCollectionExtensions
{
    public static IServiceCollection AddRemoteSigner(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<NodeOptions>();
            return new LivePayments(
                sp.GetRequiredService<IEthereumAccount>(),
                sp.GetRequiredService<ISignatureVerifier>(),
                ExtensionCatalog.Resolve<IPaymentSender>(sp, options.PaymentScheme)
                    ?? throw new InvalidOperationException($"no payment sender named '{options.PaymentScheme}'"),
                sp.GetService<IPaymentCodec>(),
                options.MaxPricePerUnit > 0 ? new Rational(options.MaxPricePerUnit, options.PixelsPerUnit) : null,
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IEndpointContributor, RemoteSignerEndpoints>();
        return services;
    }
}
