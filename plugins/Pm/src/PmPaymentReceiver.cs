using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// The orchestrator side of <c>pm</c>: issues ticket params (reference §4.4) and processes payments as go-livepeer's
/// <c>orchestrator.ProcessPayment</c> + <c>recipient.ReceiveTicket</c> do (§4.6): a fatal error refuses the whole
/// payment; otherwise the first error is sticky (that ticket and every later one is not credited); every credited
/// ticket adds its EV to (sender, ledger key); a winning ticket is in the durable queue before the receipt exists.
/// </summary>
internal sealed class PmPaymentReceiver : IPaymentReceiver
{
    /// <summary>Upstream's <c>ErrTicketParamsExpired</c>.</summary>
    public const string ParamsExpired = "TicketParams expired";

    private readonly PmServices _services;
    private readonly TicketParamsIssuer _issuer;
    private readonly RecipientRandSecret _secret;
    private readonly SenderNonces _nonces = new();
    private readonly Ledger _ledger = new();
    private TicketValidator? _validator;

    /// <summary>Creates the receiver with a fixed secret (tests) or a fresh random one.</summary>
    public PmPaymentReceiver(PmOptions options, PmServices services, RecipientRandSecret? secret = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _secret = secret ?? RecipientRandSecret.Create();
        _issuer = new TicketParamsIssuer(options, _secret);
    }

    /// <inheritdoc />
    public string Name => PaymentSchemeNames.ProbabilisticMicropayments;

    /// <summary>The nonce bookkeeping (exposed for tests).</summary>
    internal SenderNonces Nonces => _nonces;

    private TicketValidator Validator => _validator ??= new TicketValidator(_services.Verifier);

    /// <inheritdoc />
    public async ValueTask<TicketParams?> GetTicketParamsAsync(EthAddress sender, Price price, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(price);
        var chain = await _services.Broker.GetChainStateAsync(cancellationToken).ConfigureAwait(false);
        var maxFloat = price.IsFree ? BigInteger.Zero : await _services.MaxFloat.GetMaxFloatAsync(sender, cancellationToken).ConfigureAwait(false);
        var seed = new byte[32];
        _services.Random.NextBytes(seed);
        return _issuer.Issue(_services.Account.Address, sender, price, maxFloat, chain, seed);
    }

    /// <inheritdoc />
    public async ValueTask<PaymentReceipt> ReceivePaymentAsync(Payment payment, string ledgerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(ledgerKey);
        if (payment.TicketParams is not { } ticketParams)
        {
            return new PaymentReceipt(Rational.Zero, 0, 0); // a ticketless payment: price 0, nothing to credit
        }

        if (payment.Sender.IsZero)
        {
            // The Payment carries no "absent" sender: an empty sender field decodes to the zero address.
            return Refused("Could not find Sender for payment");
        }

        if (payment.ExpectedPrice is null)
        {
            return Refused("invalid expected price sent with payment err=\"expected price is nil\"");
        }

        if (ParamsProblem(ticketParams, payment.ExpirationParams) is { } problem)
        {
            return Refused(problem);
        }

        if (payment.Tickets.Count == 0)
        {
            return new PaymentReceipt(Rational.Zero, 0, 0);
        }

        var sender = payment.Sender;
        var expiration = payment.ExpirationParams!;
        var chain = await _services.Broker.GetChainStateAsync(cancellationToken).ConfigureAwait(false);
        _nonces.Expire(chain.LastSeenBlock);

        var recipientRand = _secret.Derive(
            ticketParams.Seed, sender, ticketParams.FaceValue, ticketParams.WinProbability, ticketParams.ExpirationBlock, payment.ExpectedPrice, expiration);

        // Fatal (the whole payment is refused): the sender's funds unlock soon, or the params are not ours for this sender.
        var funds = await _services.Broker.GetSenderFundsAsync(sender, cancellationToken).ConfigureAwait(false);
        if (funds.WithdrawRound != 0 && funds.WithdrawRound <= chain.LastInitializedRound + 1)
        {
            return Refused($"deposit and reserve for sender {sender.ToChecksumString()} is set to unlock soon");
        }

        if (TicketValidator.ValidateParams(_services.Account.Address, ticketParams.Recipient, sender, ticketParams.RecipientRandHash, recipientRand) is { } invalid)
        {
            return Refused(invalid);
        }

        var accepted = 0;
        var winners = 0;
        string? error = null;
        foreach (var sent in payment.Tickets)
        {
            var ticket = new Ticket(
                ticketParams.Recipient, sender, ticketParams.FaceValue, ticketParams.WinProbability, sent.SenderNonce,
                ticketParams.RecipientRandHash, expiration.CreationRound, expiration.CreationRoundBlockHash, ticketParams.ExpirationBlock);
            var ticketError = ReceiveTicket(ticket, sent.Signature.AsSpan(), recipientRand, chain.LastSeenBlock, out var won);
            if (won)
            {
                // Awaited here: a payment is never acknowledged for a winning ticket a crash could lose.
                await _services.Queue.EnqueueAsync(new WinningTicket(ticket, sent.Signature, recipientRand), cancellationToken).ConfigureAwait(false);
                winners++;
            }

            error ??= ticketError;
            if (error is null)
            {
                accepted++;
            }
        }

        // One multiplication instead of a sum: EV's denominator is 2^256 − 1, and every addition would reduce by a GCD.
        var credited = ticketParams.ExpectedValue * accepted;
        if (accepted > 0)
        {
            _ledger.Add(sender, ledgerKey, credited);
        }

        return new PaymentReceipt(credited, accepted, winners) { Error = error };
    }

    /// <inheritdoc />
    public ValueTask<Rational?> GetBalanceAsync(EthAddress sender, string ledgerKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Rational?>(_ledger.Get(sender, ledgerKey));

    /// <inheritdoc />
    public ValueTask<Rational?> DebitAsync(EthAddress sender, string ledgerKey, Rational amount, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Rational?>(_ledger.Add(sender, ledgerKey, -amount));

    /// <summary>
    /// One ticket after the payment-wide checks: the signature (non-fatal), the win, the nonce, the expiry.
    /// <paramref name="won"/> is set only for a ticket that will be redeemed: signed, fresh nonce (expired params
    /// still redeem, as upstream's do, since the sender did sign it).
    /// </summary>
    private string? ReceiveTicket(Ticket ticket, ReadOnlySpan<byte> signature, BigInteger recipientRand, BigInteger lastSeenBlock, out bool won)
    {
        won = false;
        if (!Validator.HasValidSignature(ticket.Sender, ticket.ComputeHash(), signature))
        {
            return TicketValidator.InvalidSignature;
        }

        var winning = TicketValidator.IsWinning(signature, recipientRand, ticket.WinProbability);
        if (_nonces.TryRecord(ticket.RecipientRandHash, ticket.ParamsExpirationBlock, ticket.Sender, ticket.SenderNonce) is { } nonceError)
        {
            return nonceError;
        }

        won = winning;
        return ticket.ParamsExpirationBlock <= lastSeenBlock ? ParamsExpired : null;
    }

    /// <summary>Integers a uint256 cannot hold and a missing creation round are refused before any arithmetic.</summary>
    private static string? ParamsProblem(TicketParams ticketParams, TicketExpirationParams? expiration)
    {
        if (expiration is null)
        {
            return "invalid ticket expiration params: missing";
        }

        if (expiration.CreationRound < 0)
        {
            return $"invalid ticket expiration params: creation round {expiration.CreationRound} is negative";
        }

        foreach (var (name, value) in new[]
        {
            ("faceValue", ticketParams.FaceValue), ("winProb", ticketParams.WinProbability),
            ("seed", ticketParams.Seed), ("expirationBlock", ticketParams.ExpirationBlock),
        })
        {
            if (!Tickets.IsUInt256(value))
            {
                return $"invalid ticket params: {name} is not a uint256";
            }
        }

        return null;
    }

    private static PaymentReceipt Refused(string error) => new(Rational.Zero, 0, 0) { Error = error };
}
