using Livepeer.Abstractions;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// Exact balances keyed by (address, ledger key) (go-livepeer <c>AddressBalances</c>): entries start at 0, a debit
/// may go below zero, every operation is atomic. In memory, as upstream's are.
/// </summary>
internal sealed class Ledger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(EthAddress Address, string Key), Rational> _balances = [];

    /// <summary>The balance, 0 for an entry never touched.</summary>
    public Rational Get(EthAddress address, string key)
    {
        lock (_lock)
        {
            return _balances.GetValueOrDefault((address, key));
        }
    }

    /// <summary>Adds <paramref name="amount"/> (negative to debit) and returns the new balance.</summary>
    public Rational Add(EthAddress address, string key, Rational amount)
    {
        lock (_lock)
        {
            var balance = _balances.GetValueOrDefault((address, key)) + amount;
            _balances[(address, key)] = balance;
            return balance;
        }
    }

    /// <summary>Applies <paramref name="update"/> to the balance atomically and returns what it returns with the new balance.</summary>
    public T Update<T>(EthAddress address, string key, Func<Rational, (Rational Balance, T Result)> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            var (balance, result) = update(_balances.GetValueOrDefault((address, key)));
            _balances[(address, key)] = balance;
            return result;
        }
    }
}
