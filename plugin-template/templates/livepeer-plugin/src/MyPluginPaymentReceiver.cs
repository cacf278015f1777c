using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace MyPlugin;

/// <summary>
/// The orchestrator side of the allowance scheme: every gateway is credited a fixed allowance (the
/// <c>Allowance</c> setting, in wei) with its first payment; work is debited from it exactly, and the caller
/// refuses work once a balance is negative. Ticketless: no ticket parameters are issued and tickets are refused.
/// </summary>
/// <remarks>
/// A starting point: the ledgers live in memory, so a restart forgets them. A real scheme keeps them in the
/// node database (<c>IKeyValueStore</c>) so that a credit is durable before it is returned.
/// </remarks>
public sealed class MyPluginPaymentReceiver : IPaymentReceiver
{
    /// <summary>The setting holding the allowance per gateway, in wei.</summary>
    public const string AllowanceKey = "Allowance";

    /// <summary>The allowance when the setting is absent: 10^12 wei.</summary>
    public const long DefaultAllowance = 1_000_000_000_000;

    private readonly Rational _allowance;
    private readonly Lock _lock = new();
    private readonly Dictionary<(EthAddress Sender, string LedgerKey), Rational> _balances = [];
    private readonly HashSet<EthAddress> _credited = [];

    /// <summary>Creates the receiver crediting <paramref name="allowance"/> wei to each gateway once.</summary>
    public MyPluginPaymentReceiver(long allowance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(allowance);
        _allowance = allowance;
    }

    /// <inheritdoc />
    public string Name => MyPluginPlugin.ExtensionName;

    /// <inheritdoc />
    public ValueTask<TicketParams?> GetTicketParamsAsync(EthAddress sender, Price price, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<TicketParams?>(null);
    }

    /// <inheritdoc />
    public ValueTask<PaymentReceipt> ReceivePaymentAsync(Payment payment, string ledgerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(ledgerKey);
        cancellationToken.ThrowIfCancellationRequested();
        if (payment.Tickets.Count > 0)
        {
            return ValueTask.FromResult(new PaymentReceipt(Rational.Zero, 0, 0) { Error = $"scheme '{Name}' takes no tickets" });
        }

        lock (_lock)
        {
            var credited = _credited.Add(payment.Sender) ? _allowance : Rational.Zero;
            var key = (payment.Sender, ledgerKey);
            _balances[key] = _balances.GetValueOrDefault(key) + credited;
            return ValueTask.FromResult(new PaymentReceipt(credited, 0, 0));
        }
    }

    /// <inheritdoc />
    public ValueTask<Rational?> GetBalanceAsync(EthAddress sender, string ledgerKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult<Rational?>(_balances.GetValueOrDefault((sender, ledgerKey)));
        }
    }

    /// <inheritdoc />
    public ValueTask<Rational?> DebitAsync(EthAddress sender, string ledgerKey, Rational amount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var balance = _balances.GetValueOrDefault((sender, ledgerKey)) - amount;
            _balances[(sender, ledgerKey)] = balance;
            return ValueTask.FromResult<Rational?>(balance);
        }
    }
}
