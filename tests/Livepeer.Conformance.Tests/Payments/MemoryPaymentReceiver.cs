using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Conformance.Tests.Payments;

/// <summary>Reference metered receiver: issues ticket parameters, credits the EV of each valid ticket, keeps exact ledgers.</summary>
public sealed class MemoryPaymentReceiver : IPaymentReceiver
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(EthAddress Sender, string Key), Rational> _balances = [];
    private readonly Dictionary<Hash32, HashSet<uint>> _issued = [];
    private long _seed;

    public string Name => MemoryTicketScheme.Name;

    public ValueTask<TicketParams?> GetTicketParamsAsync(EthAddress sender, Price price, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var seed = ++_seed;
            var randHash = new byte[Hash32.Length];
            BitConverter.TryWriteBytes(randHash, seed);
            var ticketParams = new TicketParams(
                MemoryTicketScheme.Recipient, BigInteger.Pow(10, 15), TicketParams.MaxWinProbability / 4, new Hash32(randHash), seed, 1000);
            _issued[ticketParams.RecipientRandHash] = [];
            return ValueTask.FromResult<TicketParams?>(ticketParams);
        }
    }

    public ValueTask<PaymentReceipt> ReceivePaymentAsync(Payment payment, string ledgerKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (payment.Tickets.Count == 0)
            {
                return ValueTask.FromResult(new PaymentReceipt(Rational.Zero, 0, 0));
            }

            if (payment.TicketParams is not { } ticketParams || !_issued.TryGetValue(ticketParams.RecipientRandHash, out var nonces))
            {
                return ValueTask.FromResult(new PaymentReceipt(Rational.Zero, 0, 0) { Error = "invalid recipientRandHash" });
            }

            var accepted = payment.Tickets.Count(t => t.Signature.Length == MemoryTicketScheme.SignatureLength && nonces.Add(t.SenderNonce));
            var credited = ticketParams.ExpectedValue * accepted;
            var key = (payment.Sender, ledgerKey);
            _balances[key] = _balances.GetValueOrDefault(key) + credited;
            var receipt = new PaymentReceipt(credited, accepted, 0)
            {
                Error = accepted == payment.Tickets.Count ? null : "invalid ticket senderNonce",
            };
            return ValueTask.FromResult(receipt);
        }
    }

    public ValueTask<Rational?> GetBalanceAsync(EthAddress sender, string ledgerKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<Rational?>(_balances.GetValueOrDefault((sender, ledgerKey)));
        }
    }

    public ValueTask<Rational?> DebitAsync(EthAddress sender, string ledgerKey, Rational amount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var balance = _balances.GetValueOrDefault((sender, ledgerKey)) - amount;
            _balances[(sender, ledgerKey)] = balance;
            return ValueTask.FromResult<Rational?>(balance);
        }
    }
}
