using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// The gateway side of <c>pm</c>: keeps an exact balance per (orchestrator recipient, ledger key), and when it does
/// not cover the fee writes a batch of tickets whose summed EV covers max(fee, ticket EV) (go-livepeer
/// <c>newBalanceUpdate</c> + <c>Balance.StageUpdate</c> + <c>CreateTicketBatch</c>, reference §0.3, §4.5, §4.8).
/// The balance is debited by the fee and credited by the batch's EV at once.
/// </summary>
internal sealed class PmPaymentSender(PmOptions options, PmServices services) : IPaymentSender
{
    private readonly SenderSessions _sessions = new();
    private readonly Ledger _ledger = new();

    /// <inheritdoc />
    public string Name => PaymentSchemeNames.ProbabilisticMicropayments;

    /// <summary>The sessions (exposed for tests).</summary>
    internal SenderSessions Sessions => _sessions;

    /// <summary>The gateway's balance with <paramref name="recipient"/> under <paramref name="ledgerKey"/>.</summary>
    internal Rational Balance(EthAddress recipient, string ledgerKey) => _ledger.Get(recipient, ledgerKey);

    /// <inheritdoc />
    public async ValueTask<Payment?> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Fee.Sign < 0)
        {
            throw new PaymentException($"invalid fee {request.Fee}: a fee cannot be negative");
        }

        var info = request.Orchestrator;
        if (info.TicketParams is not { } ticketParams)
        {
            return null; // an orchestrator without ticket params takes no tickets (offchain)
        }

        var price = info.Price ?? Price.Free;
        var account = services.Account;
        var broker = services.Broker;
        var chain = await broker.GetChainStateAsync(cancellationToken).ConfigureAwait(false);
        var funds = await broker.GetSenderFundsAsync(account.Address, cancellationToken).ConfigureAwait(false);
        _sessions.Expire(chain.LastSeenBlock);

        var ev = Tickets.IsUInt256(ticketParams.FaceValue) && Tickets.IsUInt256(ticketParams.WinProbability) ? ticketParams.ExpectedValue : Rational.Zero;
        var count = _ledger.Update(ticketParams.Recipient, request.LedgerKey, balance =>
        {
            var count = TicketCount(balance, request.Fee, ev);
            if (count > Tickets.MaxSenderNonces)
            {
                throw new PaymentException($"{count} tickets needed to cover {request.Fee} wei; at most {Tickets.MaxSenderNonces} fit one set of ticket params");
            }

            if (TicketParamsRules.Validate(ticketParams, Math.Max((int)count, 1), options, funds, chain) is { } problem)
            {
                throw new PaymentException(problem);
            }

            return (balance + (ev * count) - request.Fee, (int)count);
        });

        if (count == 0)
        {
            return null; // the balance covers the fee
        }

        if (_sessions.Reserve(ticketParams, count) is not { } first)
        {
            _ledger.Add(ticketParams.Recipient, request.LedgerKey, -(ev * count));
            throw new PaymentException($"ticket params exhausted: at most {Tickets.MaxSenderNonces} nonces per recipientRand; fetch new ticket params");
        }

        var expiration = ticketParams.ExpirationParams is { CreationRound: not 0 } given && !given.CreationRoundBlockHash.IsZero
            ? given
            : new TicketExpirationParams(chain.LastInitializedRound, chain.LastInitializedRoundBlockHash);
        var tickets = new TicketSenderParams[count];
        for (var i = 0; i < count; i++)
        {
            var nonce = first + (uint)i;
            var ticket = new Ticket(
                ticketParams.Recipient, account.Address, ticketParams.FaceValue, ticketParams.WinProbability, nonce,
                ticketParams.RecipientRandHash, expiration.CreationRound, expiration.CreationRoundBlockHash, ticketParams.ExpirationBlock);
            tickets[i] = new TicketSenderParams(nonce, ImmutableCollectionsMarshal.AsImmutableArray(account.SignMessage(ticket.ComputeHash().Span)));
        }

        return new Payment(account.Address, price)
        {
            TicketParams = ticketParams,
            ExpirationParams = expiration,
            Tickets = tickets,
        };
    }

    /// <summary>
    /// <c>Balance.StageUpdate(max(fee, ev), ev)</c>: no ticket when the EV is 0 or the balance already covers
    /// max(fee, ev); otherwise ceil((max(fee, ev) − balance) / ev).
    /// </summary>
    internal static BigInteger TicketCount(Rational balance, Rational fee, Rational ev)
    {
        if (ev.Sign <= 0)
        {
            return BigInteger.Zero;
        }

        var minCredit = fee > ev ? fee : ev;
        return balance >= minCredit ? BigInteger.Zero : ((minCredit - balance) / ev).Ceiling();
    }
}
