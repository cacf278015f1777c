using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Configuration;

namespace Livepeer.Host.Crypto;

/// <summary>Registers <see cref="ISignatureVerifier"/> always and <see cref="IEthereumAccount"/> when the node needs keys.</summary>
internal static class CryptoServiceCollectionExtensions
{
    public static IServiceCollection AddEthereumCrypto(this IServiceCollection services, NodeOptions options, TimeProvider time, ILogger logger, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        services.AddSingleton<ISignatureVerifier>(new Secp256k1SignatureVerifier());
        if (!options.NeedsEthereumAccount)
        {
            return services;
        }

        CryptoLog.Implementation(logger, Secp256k1.Default.Name);
        if (!Secp256k1.IsNative)
        {
            CryptoLog.ManagedFallback(logger);
        }

        try
        {
            var password = EthereumKeystore.ResolvePassword(options.EthPassword);
            var result = EthereumKeystore.LoadOrCreate(options.EthKeystorePath, options.EthAcctAddr, password, time);
            if (result.Created)
            {
                if (password.Length == 0)
                {
                    CryptoLog.EmptyPassword(logger);
                }

                CryptoLog.AccountCreated(logger, result.Account.Address.ToChecksumString(), result.File);
            }
            else
            {
                CryptoLog.AccountUnlocked(logger, result.Account.Address.ToChecksumString(), result.File);
            }

            services.AddSingleton<IEthereumAccount>(result.Account);
        }
        catch (Exception e) when (e is KeystoreException or IOException or UnauthorizedAccessException)
        {
            errors.Add("Ethereum keystore: " + e.Message);
        }

        return services;
    }
}
