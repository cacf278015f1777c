using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Crypto;
using Livepeer.Host.Payments;
using Livepeer.Host.Storage;
using Microsoft.Data.Sqlite;

namespace Livepeer.Host.Tests.Payments;

/// <summary>A migrated node database in a temporary folder, the embedded chain on a manual clock, and signed tickets.</summary>
internal sealed class TicketFixtures : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lp-pay-" + Guid.NewGuid().ToString("N"));

    public TicketFixtures(BrokerOptions? options = null)
    {
        // 2024-01-01 is block 142 004 160 at 12 s blocks: well inside round 24 653.
        Time = new ManualTimeProvider();
        Options = options ?? new BrokerOptions
        {
            Senders = new Dictionary<EthAddress, SenderConfiguration>
            {
                [Sender.Address] = new(new BigInteger(1000), new BigInteger(600), 0),
            },
        };
        Chain = new EmbeddedChain(Options, Time);
        Database = Open();
        Broker = new EmbeddedTicketBroker(Database, Chain, new Secp256k1SignatureVerifier());
    }

    public static EthereumAccount Sender { get; } = new(Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));

    public static EthAddress Recipient { get; } = EthAddress.Parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F");

    public ManualTimeProvider Time { get; }

    public BrokerOptions Options { get; }

    public EmbeddedChain Chain { get; }

    public NodeDatabase Database { get; private set; }

    public EmbeddedTicketBroker Broker { get; private set; }

    /// <summary>Opens the same file again, as a restarted node would.</summary>
    public NodeDatabase Reopen()
    {
        SqliteConnection.ClearAllPools();
        Database = Open();
        Broker = new EmbeddedTicketBroker(Database, Chain, new Secp256k1SignatureVerifier());
        return Database;
    }

    /// <summary>A ticket signed by <see cref="Sender"/> that wins with probability <paramref name="winProbability"/> (default: always).</summary>
    public WinningTicket Ticket(BigInteger faceValue, uint nonce = 1, long? expirationBlock = null, long? creationRound = null, BigInteger? winProbability = null, EthAddress? recipient = null, EthereumAccount? signer = null)
    {
        var round = creationRound ?? Chain.CurrentRound;
        var rand = new BigInteger(nonce) + 1_000_000;
        Span<byte> padded = stackalloc byte[32];
        Abstractions.Payments.Ticket.WriteUInt256(rand, padded, "rand");
        var ticket = new Abstractions.Payments.Ticket(
            recipient ?? Recipient,
            (signer ?? Sender).Address,
            faceValue,
            winProbability ?? TicketParams.MaxWinProbability,
            nonce,
            Keccak256.Hash(padded),
            round,
            Chain.RoundBlockHash(round),
            new BigInteger(expirationBlock ?? Chain.CurrentBlock + 40));
        var signature = (signer ?? Sender).SignMessage(ticket.ComputeHash().Span);
        return new WinningTicket(ticket, [.. signature], rand);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private NodeDatabase Open()
    {
        var database = new NodeDatabase(Path.Combine(_dir, NodeDatabase.FileName));
        database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        return database;
    }
}
