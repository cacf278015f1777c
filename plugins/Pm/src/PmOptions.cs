using System.Globalization;
using System.Numerics;
using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// Settings of the pm scheme, read from <c>Plugins:Pm</c>; all amounts are whole wei. Defaults are go-livepeer's
/// flag defaults (<c>-ticketEV</c>, <c>-maxTicketEV</c>, <c>-maxTotalEV</c>, <c>-depositMultiplier</c>,
/// <c>-maxFaceValue</c>) and its L2 redemption gas (<c>redeemGasL2</c>).
/// </summary>
internal sealed record PmOptions
{
    /// <summary>The section the settings live in.</summary>
    public const string Section = "Plugins:Pm";

    /// <summary>The defaults.</summary>
    public static PmOptions Default { get; } = new();

    /// <summary>Orchestrator: the EV of one ticket it asks for (<c>-ticketEV</c>); also the least a gateway balance must cover.</summary>
    public BigInteger TicketEV { get; init; } = 8_000_000_000;

    /// <summary>Gateway: the largest ticket EV it accepts from an orchestrator (<c>-maxTicketEV</c>).</summary>
    public BigInteger MaxTicketEV { get; init; } = 3_000_000_000_000;

    /// <summary>Gateway: the largest EV of one batch of tickets (<c>-maxTotalEV</c>).</summary>
    public BigInteger MaxTotalEV { get; init; } = 20_000_000_000_000;

    /// <summary>Gateway: a face value may be at most deposit / this (<c>-depositMultiplier</c>).</summary>
    public BigInteger DepositMultiplier { get; init; } = 1;

    /// <summary>Both sides: the largest face value, 0 for no limit (<c>-maxFaceValue</c>).</summary>
    public BigInteger MaxFaceValue { get; init; } = BigInteger.Zero;

    /// <summary>Orchestrator: gas one redemption costs (<c>redeemGasL2</c>), priced at the current gas price for the face value rule.</summary>
    public BigInteger RedeemGas { get; init; } = 1_200_000;

    /// <summary>Reads and validates the section; every problem is reported in one exception.</summary>
    /// <exception cref="InvalidOperationException">A value is not a whole number or is out of range.</exception>
    public static PmOptions Read(IConfiguration section)
    {
        var settings = new SettingsReader(section, Section);
        var options = new PmOptions
        {
            TicketEV = Wei(settings, nameof(TicketEV), Default.TicketEV, BigInteger.One),
            MaxTicketEV = Wei(settings, nameof(MaxTicketEV), Default.MaxTicketEV, BigInteger.Zero),
            MaxTotalEV = Wei(settings, nameof(MaxTotalEV), Default.MaxTotalEV, BigInteger.Zero),
            DepositMultiplier = Wei(settings, nameof(DepositMultiplier), Default.DepositMultiplier, BigInteger.One),
            MaxFaceValue = Wei(settings, nameof(MaxFaceValue), Default.MaxFaceValue, BigInteger.Zero),
            RedeemGas = Wei(settings, nameof(RedeemGas), Default.RedeemGas, BigInteger.Zero),
        };
        settings.ThrowIfInvalid();
        return options;
    }

    // Whole numbers of any size (wei does not fit a long); at most 78 digits, the width of a uint256.
    private static BigInteger Wei(SettingsReader settings, string key, BigInteger fallback, BigInteger min)
    {
        var text = settings.Raw(key)?.Trim();
        if (text is null)
        {
            return fallback;
        }

        if (text.Length > 78 || !text.All(char.IsAsciiDigit) ||
            !BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            settings.AddError(key, $"must be a whole number of wei (digits only), not '{Shorten(text)}'");
            return fallback;
        }

        if (value < min || value > Tickets.MaxUInt256)
        {
            settings.AddError(key, $"must be at least {min}, not {value}");
            return fallback;
        }

        return value;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
