using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Xunit;

namespace Livepeer.Conformance.Tests.Payments;

/// <summary>The kit catches receivers that lose money to rounding or mix ledgers up.</summary>
public sealed class BrokenPaymentReceiverTests
{
    [Fact]
    public async Task KitCatchesARoundingDebit() =>
        await Assert.ThrowsAnyAsync<Exception>(() => new Kit(new RoundingReceiver(keyed: true)).DebitIsExact());

    [Fact]
    public async Task KitCatchesSharedLedgers() =>
        await Assert.ThrowsAnyAsync<Exception>(() => new Kit(new RoundingReceiver(keyed: false)).LedgersAreIndependent());

    private sealed class Kit(IPaymentReceiver receiver) : PaymentReceiverConformanceTests
    {
        protected override IPaymentReceiver CreateReceiver() => receiver;
    }

    /// <summary>Rounds debits up to whole wei; optionally ignores the ledger key.</summary>
    private sealed class RoundingReceiver(bool keyed) : IPaymentReceiver
    {
        private readonly Dictionary<string, Rational> _balances = [];

        public string Name => "rounding";

        public ValueTask<TicketParams?> GetTicketParamsAsync(EthAddress sender, Price price, CancellationToken cancellationToken) =>
            ValueTask.FromResult<TicketParams?>(null);

        public ValueTask<PaymentReceipt> ReceivePaymentAsync(Payment payment, string ledgerKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new PaymentReceipt(Rational.Zero, 0, 0));

        public ValueTask<Rational?> GetBalanceAsync(EthAddress sender, string ledgerKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult<Rational?>(_balances.GetValueOrDefault(Key(sender, ledgerKey)));

        public ValueTask<Rational?> DebitAsync(EthAddress sender, string ledgerKey, Rational amount, CancellationToken cancellationToken)
        {
            var key = Key(sender, ledgerKey);
            _balances[key] = _balances.GetValueOrDefault(key) - amount.Ceiling();
            return ValueTask.FromResult<Rational?>(_balances[key]);
        }

        private string Key(EthAddress sender, string ledgerKey) => keyed ? $"{sender}/{ledgerKey}" : "shared";
    }
}
