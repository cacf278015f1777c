namespace Livepeer.Host.Crypto;

/// <summary>Log messages of the Ethereum crypto (event ids 1500–1599).</summary>
internal static partial class CryptoLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Debug, Message = "secp256k1: {Implementation}")]
    public static partial void Implementation(ILogger logger, string implementation);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "libsecp256k1.so.1 could not be loaded: signatures use the managed secp256k1, about 100 times slower; install Debian's libsecp256k1-1")]
    public static partial void ManagedFallback(ILogger logger);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Ethereum account {Address} unlocked from {File}")]
    public static partial void AccountUnlocked(ILogger logger, string address, string file);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "No keystore found: created Ethereum account {Address} in {File}; back this file up and keep its password")]
    public static partial void AccountCreated(ILogger logger, string address, string file);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "-ethPassword is empty: the new keystore file is encrypted with an empty password")]
    public static partial void EmptyPassword(ILogger logger);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Information, Message = "Offchain gateway: jobs are signed with {Address}, a key made for this run and not stored")]
    public static partial void SessionAccount(ILogger logger, string address);
}
