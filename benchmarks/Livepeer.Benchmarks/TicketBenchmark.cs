using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Builtins;
using Livepeer.Host.Crypto;
using Livepeer.Plugins.Pm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Benchmarks;

/// <summary>
/// pm tickets on one thread (so "per second" is per core), through the Pm plugin's public surface: the gateway's
/// sender writes batches of tickets (hash + sign each) and the orchestrator's receiver validates them (hash +
/// recover + win check + nonce bookkeeping + credit). The baseline is libsecp256k1 itself, sign and recover of a
/// 32-byte digest, in the same run. Both sides use the host's libsecp256k1-backed account and verifier.
/// </summary>
internal static class TicketBenchmark
{
    private const int TicketsPerPayment = 100;

    public static async Task RunAsync(TimeSpan duration)
    {
        if (NativeSecp256k1.TryCreate() is not { } native)
        {
            Console.WriteLine("libsecp256k1.so.1 not found: install Debian's libsecp256k1-1; the tickets benchmark needs it.");
            return;
        }

        var chain = new Chain();
        var gateway = EthereumAccount.Create(native);
        var orchestrator = EthereumAccount.Create(native);
        var verifier = new Secp256k1SignatureVerifier(native);
        var receiver = Build(NodeRoles.Orchestrator, orchestrator, verifier, chain).GetRequiredService<IPaymentReceiver>();
        var sender = Build(NodeRoles.Gateway, gateway, verifier, chain).GetRequiredService<IPaymentSender>();
        var price = new Price(1200, 1);

        // Creation: each payment covers 100 tickets' EV on fresh params (600 nonces per params at most).
        var payments = new List<Payment>();
        var watch = Stopwatch.StartNew();
        var created = 0;
        while (watch.Elapsed < duration)
        {
            var ticketParams = (await receiver.GetTicketParamsAsync(gateway.Address, price, CancellationToken.None))!;
            var info = new OrchestratorInfo(new Uri("https://o.example")) { Price = price, TicketParams = ticketParams, Address = orchestrator.Address };
            for (var i = 0; i < 6; i++)
            {
                var payment = await sender.CreatePaymentAsync(new PaymentRequest(info, "bench-" + payments.Count, ticketParams.ExpectedValue * TicketsPerPayment), CancellationToken.None);
                payments.Add(payment!);
                created += payment!.Tickets.Count;
            }
        }

        var createRate = created / watch.Elapsed.TotalSeconds;

        // Validation: every payment once (a replay would be refused before recovery and flatter the number), after
        // a warm-up on the first tenth so that the receiver runs optimised code.
        var warmUp = payments.Count / 10;
        foreach (var payment in payments.Take(warmUp))
        {
            await receiver.ReceivePaymentAsync(payment, "bench", CancellationToken.None);
        }

        var validated = 0;
        var winners = 0;
        watch.Restart();
        foreach (var payment in payments.Skip(warmUp))
        {
            var receipt = await receiver.ReceivePaymentAsync(payment, "bench", CancellationToken.None);
            if (!receipt.Accepted)
            {
                throw new InvalidOperationException($"A benchmark payment was refused: {receipt.Error}");
            }

            validated += receipt.TicketsAccepted;
            winners += receipt.WinningTickets;
        }

        var validateRate = validated / watch.Elapsed.TotalSeconds;

        var key = RandomNumberGenerator.GetBytes(32);
        while (!native.IsValidPrivateKey(key))
        {
            key = RandomNumberGenerator.GetBytes(32);
        }

        var digests = Enumerable.Range(0, 64).Select(_ => RandomNumberGenerator.GetBytes(32)).ToArray();
        var signatures = digests.Select(d =>
        {
            var s = new byte[65];
            native.Sign(key, d, s);
            return s;
        }).ToArray();
        var signature = new byte[65];
        var publicKey = new byte[64];
        var signRate = Measure(duration, i => native.Sign(key, digests[i & 63], signature));
        var recoverRate = Measure(duration, i => native.TryRecover(digests[i & 63], signatures[i & 63], signatures[i & 63][64] - 27, publicKey));

        Console.WriteLine($"pm tickets, one thread ({validated:N0} tickets validated, {winners} winners):");
        Table.Print(["operation", "per second per core", "µs each", "vs libsecp256k1"],
        [
            Row("ticket creation: hash + sign (Pm sender)", createRate, signRate),
            Row("ticket validation: hash + recover + win check (Pm receiver)", validateRate, recoverRate),
            Row("libsecp256k1 sign of a 32 B digest (baseline)", signRate, signRate),
            Row("libsecp256k1 recover of a 32 B digest (baseline)", recoverRate, recoverRate),
        ]);
    }

    private static IServiceProvider Build(NodeRoles role, IEthereumAccount account, ISignatureVerifier verifier, Chain chain)
    {
        var services = new ServiceCollection();
        var manifest = new PluginManifest("Pm", "1.0.0", "Livepeer.Plugins.Pm.dll", "1.0");
        new PmPlugin().Register(services, new PluginContext(manifest, new ConfigurationBuilder().Build(), AppContext.BaseDirectory, role));
        services.AddSingleton<ITicketBroker>(chain);
        services.AddSingleton<IMaxFloatSource>(chain);
        services.AddSingleton<IWinningTicketQueue>(chain);
        services.AddSingleton(account);
        services.AddSingleton(verifier);
        services.AddSingleton<IRandomSource>(new SystemRandomSource());
        return services.BuildServiceProvider();
    }

    private static string[] Row(string name, double perSecond, double baseline) =>
    [
        name,
        perSecond.ToString("N0", CultureInfo.InvariantCulture),
        (1e6 / perSecond).ToString("0.00", CultureInfo.InvariantCulture),
        (perSecond / baseline).ToString("0.00", CultureInfo.InvariantCulture),
    ];

    private static double Measure(TimeSpan duration, Action<int> operation)
    {
        for (var i = 0; i < 50; i++)
        {
            operation(i);
        }

        var count = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < 256; i++)
            {
                operation((int)(count + i));
            }

            count += 256;
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    // A fixed chain, generous funds, and a queue that keeps nothing: the benchmark measures the ticket path only.
    private sealed class Chain : ITicketBroker, IMaxFloatSource, IWinningTicketQueue
    {
        private readonly ChainState _state = new(1000, 7, Keccak256.Hash("round"u8), Hash32.Zero, 10, 0);
        private readonly SenderFunds _funds = new(BigInteger.Pow(10, 20), BigInteger.Pow(10, 20), 0, 0);

        public ValueTask<SenderFunds> GetSenderFundsAsync(EthAddress sender, CancellationToken cancellationToken) => ValueTask.FromResult(_funds);

        public ValueTask<BigInteger> GetClaimedReserveAsync(EthAddress sender, EthAddress claimant, CancellationToken cancellationToken) => ValueTask.FromResult(BigInteger.Zero);

        public ValueTask<ChainState> GetChainStateAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_state);

        public ValueTask<bool> IsUsedTicketAsync(Hash32 ticketHash, CancellationToken cancellationToken) => ValueTask.FromResult(false);

        public ValueTask RedeemWinningTicketAsync(WinningTicket ticket, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<BigInteger> GetMaxFloatAsync(EthAddress sender, CancellationToken cancellationToken) => ValueTask.FromResult(BigInteger.Pow(10, 20));

        public ValueTask EnqueueAsync(WinningTicket ticket, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
