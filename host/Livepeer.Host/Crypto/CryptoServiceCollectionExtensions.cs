using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Configuration;

namespace Livepeer.Host.Crypto;

/// <summary>
/// Registers <see cref="ISignatureVerifier"/> always, and <see cref="IEthereumAccount"/> when the node needs keys (from its
/// keystore) or is an offchain gateway (a key for this run only).
/// </summary>
internal static class CryptoServiceCollectionExtensions
{
    public static IServiceCollection AddEthereumCrypto(this IServiceCollection services, NodeOptions options, TimeProvider time, ILogger logger, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        services.AddSingleton<ISignatureVerifier>(new Secp256k1SignatureVerifier());
        if (!options.NeedsEthereumAccount)
        {
            // An offchain gateway still signs what it sends (BYOC job headers, its GetOrchestrator address), so
            // orchestrators that check signatures accept it and can tell its streams from another's. go-livepeer
            // offchain gateways sign nothing; a key made for this run, never written, costs nothing to keep.
            if (options.Roles.HasFlag(Abstractions.NodeRoles.Gateway))
            {
                var session = EthereumAccount.Create();
                CryptoLog.SessionAccount(logger, session.Address.ToChecksumString());
                services.AddSingleton<IEthereumAccount>(session);
            }

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
