using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Crypto;
using Livepeer.Host.Payments;
using Livepeer.Host.Tests.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Host.Tests.Redeemer;

/// <summary>An in-process <c>-redeemer</c> node whose broker funds <see cref="TicketFixtures.Sender"/> with deposit 1000 and reserve 600.</summary>
internal static class RedeemerNode
{
    private static readonly Lazy<string> Keystore = new(() =>
    {
        // A light-scrypt keystore: the standard parameters take seconds per node start.
        var file = Path.Combine(Path.GetTempPath(), "lp-redeemer-key-" + Environment.ProcessId + ".json");
        File.WriteAllText(file, KeystoreV3.Encrypt(Convert.FromHexString("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"), "pw", ScryptParameters.Light));
        return file;
    });

    public static Task<InProcessNode> StartAsync(params string[] extra) => InProcessNode.StartAsync(
    [
        "-redeemer",
        "-ethKeystorePath", Keystore.Value,
        "-ethPassword", "pw",
        $"--Payments:Broker:Senders:{TicketFixtures.Sender.Address}:Deposit=1000",
        $"--Payments:Broker:Senders:{TicketFixtures.Sender.Address}:Reserve=600",
        .. extra,
    ]);

    public static EthAddress Recipient(this InProcessNode node) => node.Services.GetRequiredService<IEthereumAccount>().Address;

    public static LocalSenderMonitor Monitor(this InProcessNode node) => node.Services.GetRequiredService<LocalSenderMonitor>();

    public static SqliteWinningTicketQueue Queue(this InProcessNode node) => node.Services.GetRequiredService<SqliteWinningTicketQueue>();
}
