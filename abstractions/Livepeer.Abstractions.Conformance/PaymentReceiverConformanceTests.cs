using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Xunit;

namespace Livepeer.Abstractions.Conformance;

/// <summary>
/// What every <see cref="IPaymentReceiver"/> (the orchestrator side of a payment scheme) must do. A
/// <c>null</c> balance means "not metered" and must be reported consistently by
/// <see cref="IPaymentReceiver.GetBalanceAsync"/> and <see cref="IPaymentReceiver.DebitAsync"/>. Balances may go
/// below zero, as upstream's do: a debit is recorded in full and the caller refuses work on a negative balance.
/// </summary>
public abstract class PaymentReceiverConformanceTests : ConformanceTestBase
{
    /// <summary>The ledger key used by the facts.</summary>
    protected const string LedgerKey = "conformance-manifest";

    /// <summary>Creates the receiver under test, with fresh (empty) ledgers.</summary>
    protected abstract IPaymentReceiver CreateReceiver();

    /// <summary>The price the facts charge.</summary>
    protected virtual Price TestPrice => new(5, 2);

    /// <summary>The paying gateway used by the facts.</summary>
    protected virtual EthAddress Sender => EthAddress.Parse("0x1111111111111111111111111111111111111111");

    /// <summary>A second, unrelated gateway.</summary>
    protected virtual EthAddress OtherSender => EthAddress.Parse("0x2222222222222222222222222222222222222222");

    /// <summary>
    /// A payment the receiver must accept, written against <paramref name="ticketParams"/> (what the receiver
    /// issued). The default is a ticketless payment; a ticket scheme overrides it to write real tickets.
    /// </summary>
    protected virtual Payment CreatePaymentFor(TicketParams? ticketParams, Price price, EthAddress sender) =>
        new(sender, price) { TicketParams = ticketParams, ExpirationParams = ticketParams?.ExpirationParams };

    /// <summary>The receiver has a name to be configured by.</summary>
    [Fact]
    public void NameIsNotEmpty() => Assert.False(string.IsNullOrWhiteSpace(CreateReceiver().Name));

    /// <summary>A payment built against the receiver's own ticket parameters is accepted.</summary>
    [Fact]
    public async Task RoundTripIsAccepted()
    {
        var receiver = CreateReceiver();

        var receipt = await PayAsync(receiver, Sender, LedgerKey);

        Assert.True(receipt.Accepted, receipt.Error);
        Assert.True(receipt.Credited >= Rational.Zero, $"Credited {receipt.Credited}.");
        Assert.InRange(receipt.WinningTickets, 0, receipt.TicketsAccepted);
    }

    /// <summary>A credit raises the balance by exactly what the receipt says; an unmetered receiver says null throughout.</summary>
    [Fact]
    public async Task CreditRaisesTheBalanceByTheCreditedAmount()
    {
        var receiver = CreateReceiver();
        var before = await Within(receiver.GetBalanceAsync(Sender, LedgerKey, CancellationToken.None));
        Assert.True(before is null || before.Value.IsZero, $"A fresh ledger holds {before}.");

        var receipt = await PayAsync(receiver, Sender, LedgerKey);
        var after = await Within(receiver.GetBalanceAsync(Sender, LedgerKey, CancellationToken.None));

        Assert.Equal(before is null, after is null);
        if (before is { } b && after is { } a)
        {
            Assert.True(a >= b, $"Balance fell from {b} to {a} after a credit.");
            Assert.Equal(b + receipt.Credited, a);
        }
    }

    /// <summary>Metering is consistent: GetBalance and Debit are both null or both values.</summary>
    [Fact]
    public async Task MeteringIsConsistent()
    {
        var receiver = CreateReceiver();
        await PayAsync(receiver, Sender, LedgerKey);

        var balance = await Within(receiver.GetBalanceAsync(Sender, LedgerKey, CancellationToken.None));
        var debited = await Within(receiver.DebitAsync(Sender, LedgerKey, 1, CancellationToken.None));

        Assert.Equal(balance is null, debited is null);
    }

    /// <summary>A debit lowers a metered balance by exactly the amount, with no rounding.</summary>
    [Fact]
    public async Task DebitIsExact()
    {
        var receiver = CreateReceiver();
        await PayAsync(receiver, Sender, LedgerKey);
        if (await Within(receiver.GetBalanceAsync(Sender, LedgerKey, CancellationToken.None)) is not { } before)
        {
            return; // not metered
        }

        var amount = new Rational(1, 3);
        var returned = await Within(receiver.DebitAsync(Sender, LedgerKey, amount, CancellationToken.None));
        var after = await Within(receiver.GetBalanceAsync(Sender, LedgerKey, CancellationToken.None));

        Assert.Equal(before - amount, returned);
        Assert.Equal(before - amount, after);
    }

    /// <summary>Concurrent debits are all recorded.</summary>
    [Fact]
    public async Task ConcurrentDebitsAreAllRecorded()
    {
        var receiver = CreateReceiver();
        if (await Within(receiver.GetBalanceAsync(Sender, LedgerKey, CancellationToken.None)) is not { } before)
        {
            return; // not metered
        }

        var debits = Enumerable.Range(0, 40)
            .Select(_ => Task.Run(async () => await receiver.DebitAsync(Sender, LedgerKey, new Rational(1, 7), CancellationToken.None)));
        await Within(Task.WhenAll(debits));

        Assert.Equal(before - new Rational(40, 7), await Within(receiver.GetBalanceAsync(Sender, LedgerKey, CancellationToken.None)));
    }

    /// <summary>Ledgers of different keys and different senders do not affect each other.</summary>
    [Fact]
    public async Task LedgersAreIndependent()
    {
        var receiver = CreateReceiver();
        await PayAsync(receiver, Sender, LedgerKey);
        var otherKey = await Within(receiver.GetBalanceAsync(Sender, "other-manifest", CancellationToken.None));
        var otherSender = await Within(receiver.GetBalanceAsync(OtherSender, LedgerKey, CancellationToken.None));

        var debited = await Within(receiver.DebitAsync(Sender, LedgerKey, 5, CancellationToken.None));

        if (debited is null)
        {
            return; // not metered
        }

        Assert.Equal(otherKey, await Within(receiver.GetBalanceAsync(Sender, "other-manifest", CancellationToken.None)));
        Assert.Equal(otherSender, await Within(receiver.GetBalanceAsync(OtherSender, LedgerKey, CancellationToken.None)));
    }

    /// <summary>Gets ticket parameters from <paramref name="receiver"/>, builds a payment with <see cref="CreatePaymentFor"/> and hands it over.</summary>
    protected async Task<PaymentReceipt> PayAsync(IPaymentReceiver receiver, EthAddress sender, string ledgerKey)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var ticketParams = await Within(receiver.GetTicketParamsAsync(sender, TestPrice, CancellationToken.None));
        var payment = CreatePaymentFor(ticketParams, TestPrice, sender);
        return await Within(receiver.ReceivePaymentAsync(payment, ledgerKey, CancellationToken.None));
    }
}
