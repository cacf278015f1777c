using System.Globalization;
using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Host.Configuration;

namespace Livepeer.Host.Payments;

/// <summary>
/// Settings of the embedded ticket broker (section <c>Payments:Broker</c>): the clock-driven chain and
/// the sender funds it starts from. See docs/payments.md.
/// </summary>
internal sealed record BrokerOptions
{
    public const string SectionName = "Payments:Broker";

    /// <summary>Time per L1 block (default 12 s, Ethereum's slot time: ticket params live 40 blocks = 8 minutes).</summary>
    public TimeSpan BlockInterval { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>Blocks per round (default 5760, the protocol's L1 round length).</summary>
    public long RoundLength { get; init; } = 5760;

    /// <summary>Active orchestrators sharing a sender's reserve (default 1).</summary>
    public int PoolSize { get; init; } = 1;

    /// <summary>Gas price in wei (default 0: redemption costs nothing on the embedded chain).</summary>
    public BigInteger GasPrice { get; init; }

    /// <summary>Gas of one redemption (go-livepeer's <c>redeemGasL1</c>, 350 000).</summary>
    public long RedeemGas { get; init; } = 350_000;

    /// <summary>Funds of a sender that has no entry under <see cref="Senders"/> (default none).</summary>
    public SenderConfiguration DefaultSender { get; init; } = new(BigInteger.Zero, BigInteger.Zero, 0);

    /// <summary>Configured funds by sender (<c>Payments:Broker:Senders:&lt;address&gt;:Deposit|Reserve|WithdrawRound</c>).</summary>
    public IReadOnlyDictionary<EthAddress, SenderConfiguration> Senders { get; init; } = new Dictionary<EthAddress, SenderConfiguration>();

    /// <summary>The configured funds of <paramref name="sender"/>.</summary>
    public SenderConfiguration For(EthAddress sender) => Senders.TryGetValue(sender, out var configured) ? configured : DefaultSender;

    /// <summary>Reads and validates the section; problems are added to <paramref name="errors"/>.</summary>
    public static BrokerOptions Read(IConfiguration configuration, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(errors);
        var section = configuration.GetSection(SectionName);
        var interval = NodeOptions.Duration(section, "BlockInterval", TimeSpan.FromSeconds(12), errors);
        if (interval < TimeSpan.FromMilliseconds(1))
        {
            errors.Add($"{SectionName}:BlockInterval must be at least 1ms.");
            interval = TimeSpan.FromSeconds(12);
        }

        var senders = new Dictionary<EthAddress, SenderConfiguration>();
        foreach (var child in section.GetSection("Senders").GetChildren())
        {
            if (!EthAddress.TryParse(child.Key, out var address))
            {
                errors.Add($"{SectionName}:Senders: '{child.Key}' is not an ETH address.");
                continue;
            }

            senders[address] = ReadSender(child, errors);
        }

        return new BrokerOptions
        {
            BlockInterval = interval,
            RoundLength = Positive(section, "RoundLength", 5760, errors),
            PoolSize = (int)Math.Min(int.MaxValue, Positive(section, "PoolSize", 1, errors)),
            GasPrice = Wei(section, "GasPrice", errors),
            RedeemGas = Positive(section, "RedeemGas", 350_000, errors),
            DefaultSender = new SenderConfiguration(Wei(section, "DefaultDeposit", errors), Wei(section, "DefaultReserve", errors), 0),
            Senders = senders,
        };
    }

    private static SenderConfiguration ReadSender(IConfigurationSection section, List<string> errors)
    {
        var withdrawRound = 0L;
        if (section["WithdrawRound"] is { Length: > 0 } text &&
            (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out withdrawRound)))
        {
            errors.Add($"{section.Path}:WithdrawRound must be a round number, not '{text}'.");
        }

        return new SenderConfiguration(Wei(section, "Deposit", errors), Wei(section, "Reserve", errors), withdrawRound);
    }

    private static BigInteger Wei(IConfigurationSection section, string key, List<string> errors)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return BigInteger.Zero;
        }

        if (BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value.GetByteCount(isUnsigned: true) <= 32)
        {
            return value;
        }

        errors.Add($"{section.Path}:{key} must be a whole number of wei below 2^256, not '{text}'.");
        return BigInteger.Zero;
    }

    private static long Positive(IConfigurationSection section, string key, long fallback, List<string> errors)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        errors.Add($"{section.Path}:{key} must be a positive integer, not '{text}'.");
        return fallback;
    }
}

/// <summary>A sender's configured funds on the embedded broker, in wei.</summary>
internal sealed record SenderConfiguration(BigInteger Deposit, BigInteger Reserve, long WithdrawRound);
