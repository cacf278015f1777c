using System.Collections.Concurrent;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Byoc.Tests.Fakes;

/// <summary>
/// A metered payment scheme for tests: the header <c>pay:{sender}:{wei}:{nonce}</c> credits wei once per nonce
/// (a replayed nonce credits nothing), <c>forged</c> fails decoding; balances per (sender, ledger key).
/// </summary>
internal sealed class TestLedger : IPaymentReceiver, IPaymentCodec
{
    private readonly ConcurrentDictionary<(EthAddress, string), Rational> _balances = new();
    private readonly ConcurrentDictionary<string, bool> _nonces = new();

    public string Name => "test";

    public Rational Balance(EthAddress sender, string key) => _balances.GetValueOrDefault((sender, key));

    public IReadOnlyCollection<string> Keys => [.. _balances.Keys.Select(k => k.Item2)];

    public static string Pay(EthAddress sender, long wei, string nonce) => $"pay:{sender}:{wei}:{nonce}";

    public string Encode(Payment payment) => throw new NotSupportedException();

    public Payment Decode(string headerValue)
    {
        var parts = headerValue.Split(':');
        if (parts.Length != 4 || parts[0] != "pay" || !EthAddress.TryParse(parts[1], out var sender) || !long.TryParse(parts[2], out var wei))
        {
            throw new PaymentException("bad test payment");
        }

        return new Payment(sender, new Price(wei, 1)) { Tickets = [new TicketSenderParams(uint.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture), [.. new byte[65]])] };
    }

    public ValueTask<TicketParams?> GetTicketParamsAsync(EthAddress sender, Price price, CancellationToken cancellationToken) =>
        ValueTask.FromResult<TicketParams?>(new TicketParams(EthAddress.Parse("0x00000000000000000000000000000000000000aa"), 1000, TicketParams.MaxWinProbability, Hash32.Zero, 7, 100));

    public ValueTask<PaymentReceipt> ReceivePaymentAsync(Payment payment, string ledgerKey, CancellationToken cancellationToken)
    {
        var nonce = payment.Tickets[0].SenderNonce.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!_nonces.TryAdd(nonce, true))
        {
            return ValueTask.FromResult(new PaymentReceipt(Rational.Zero, 0, 0) { Error = "TicketSenderNonce already seen" });
        }

        _balances.AddOrUpdate((payment.Sender, ledgerKey), payment.ExpectedPrice.PricePerUnit, (_, b) => b + payment.ExpectedPrice.PricePerUnit);
        return ValueTask.FromResult(new PaymentReceipt(payment.ExpectedPrice.PricePerUnit, 1, 0));
    }

    public ValueTask<Rational?> GetBalanceAsync(EthAddress sender, string ledgerKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Rational?>(_balances.GetValueOrDefault((sender, ledgerKey)));

    public ValueTask<Rational?> DebitAsync(EthAddress sender, string ledgerKey, Rational amount, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Rational?>(_balances.AddOrUpdate((sender, ledgerKey), -amount, (_, b) => b - amount));
}
