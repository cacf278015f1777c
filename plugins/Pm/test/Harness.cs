using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>An orchestrator receiver and a gateway sender over one fake chain, with real signatures.</summary>
internal sealed class Harness
{
    public static readonly byte[] Secret = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    public Harness(PmOptions? options = null, PmOptions? senderOptions = null)
    {
        Options = options ?? PmOptions.Default;
        Receiver = new PmPaymentReceiver(Options, new PmServices(Provider(TestKeys.Orchestrator)), new RecipientRandSecret(Secret));
        Sender = new PmPaymentSender(senderOptions ?? Options, new PmServices(Provider(TestKeys.Gateway)));
    }

    public PmOptions Options { get; }

    public FakeBroker Broker { get; } = new();

    public FakeMaxFloat MaxFloat { get; } = new();

    public RecordingQueue Queue { get; } = new();

    public PmPaymentReceiver Receiver { get; }

    public PmPaymentSender Sender { get; }

    public static Price Price { get; } = new(1200, 1);

    public static EthAddress GatewayAddress => TestKeys.Gateway.Address;

    public static EthAddress OrchestratorAddress => TestKeys.Orchestrator.Address;

    /// <summary>Ticket params the receiver issues to the gateway.</summary>
    public async Task<TicketParams> ParamsAsync(Price? price = null) =>
        (await Receiver.GetTicketParamsAsync(GatewayAddress, price ?? Price, CancellationToken.None))!;

    /// <summary>The orchestrator info a gateway would hold.</summary>
    public async Task<OrchestratorInfo> InfoAsync(Price? price = null) =>
        new(new Uri("https://o.example:8935"))
        {
            Address = OrchestratorAddress,
            Price = price ?? Price,
            TicketParams = await ParamsAsync(price),
        };

    /// <summary>A payment of <paramref name="fee"/> built by the real sender.</summary>
    public async Task<Payment> PayAsync(Rational fee, string ledgerKey = "manifest", OrchestratorInfo? info = null) =>
        (await Sender.CreatePaymentAsync(new PaymentRequest(info ?? await InfoAsync(), ledgerKey, fee), CancellationToken.None))!;

    /// <summary>Signs a ticket by hand, for payments the real sender would refuse to write.</summary>
    public static TicketSenderParams Sign(IEthereumAccount account, TicketParams ticketParams, TicketExpirationParams expiration, EthAddress sender, uint nonce)
    {
        var ticket = new Ticket(ticketParams.Recipient, sender, ticketParams.FaceValue, ticketParams.WinProbability, nonce,
            ticketParams.RecipientRandHash, expiration.CreationRound, expiration.CreationRoundBlockHash, ticketParams.ExpirationBlock);
        return new TicketSenderParams(nonce, [.. account.SignMessage(ticket.ComputeHash().Span)]);
    }

    /// <summary>A hand-built payment of <paramref name="nonces"/> signed by the gateway key.</summary>
    public static Payment HandPayment(TicketParams ticketParams, params uint[] nonces) =>
        new(GatewayAddress, Price)
        {
            TicketParams = ticketParams,
            ExpirationParams = ticketParams.ExpirationParams,
            Tickets = [.. nonces.Select(n => Sign(TestKeys.Gateway, ticketParams, ticketParams.ExpirationParams!, GatewayAddress, n))],
        };

    public Task<PaymentReceipt> ReceiveAsync(Payment payment, string ledgerKey = "manifest") =>
        Receiver.ReceivePaymentAsync(payment, ledgerKey, CancellationToken.None).AsTask();

    /// <summary>Face value = ticket EV, so every ticket wins.</summary>
    public void EveryTicketWins() => MaxFloat.Value = Options.TicketEV;

    private IServiceProvider Provider(IEthereumAccount account)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ITicketBroker>(Broker);
        services.AddSingleton<IMaxFloatSource>(MaxFloat);
        services.AddSingleton<IWinningTicketQueue>(Queue);
        services.AddSingleton(account);
        services.AddSingleton(TestKeys.Verifier);
        services.AddSingleton<IRandomSource>(new SeededRandomSource(7));
        return services.BuildServiceProvider();
    }

    public static BigInteger Wei(string digits) => BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
}
