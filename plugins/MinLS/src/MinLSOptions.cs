using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Plugins.MinLS;

/// <summary>
/// Settings of the MinLS policy, read from <c>Plugins:MinLS</c>. Defaults are go-livepeer's
/// (<c>SELECTOR_LATENCY_SCORE_THRESHOLD</c> and the <c>-selectStakeWeight</c>, <c>-selectPriceWeight</c>,
/// <c>-selectRandFreq</c>, <c>-selectPriceExpFactor</c> flag defaults).
/// </summary>
internal sealed record MinLSOptions
{
    /// <summary>Upstream refuses to start unless the weights sum to 1 within this tolerance.</summary>
    public const double WeightTolerance = 0.0001;

    /// <summary>The defaults.</summary>
    public static MinLSOptions Default { get; } = new();

    /// <summary>A known session whose latency score is at most this is reused rather than trying an unknown one.</summary>
    public double MinLatencyScore { get; init; } = 1.0;

    /// <summary>Weight of the orchestrator's share of the total stake when choosing an unknown session.</summary>
    public double StakeWeight { get; init; } = 0.7;

    /// <summary>Weight of the orchestrator's (exponentially normalised) cheapness.</summary>
    public double PriceWeight { get; init; }

    /// <summary>Weight of a uniform random choice.</summary>
    public double RandWeight { get; init; } = 0.3;

    /// <summary>Price scale of <c>exp(-price / PriceExpFactor)</c>, in wei per unit.</summary>
    public double PriceExpFactor { get; init; } = 100;

    /// <summary>Reads and validates the section; every problem is reported in one exception.</summary>
    /// <exception cref="InvalidOperationException">A value is not a number, is out of range, or the weights do not sum to 1.</exception>
    public static MinLSOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var errors = new List<string>();
        var options = new MinLSOptions
        {
            MinLatencyScore = Number(section, nameof(MinLatencyScore), Default.MinLatencyScore, errors),
            StakeWeight = Number(section, nameof(StakeWeight), Default.StakeWeight, errors),
            PriceWeight = Number(section, nameof(PriceWeight), Default.PriceWeight, errors),
            RandWeight = Number(section, nameof(RandWeight), Default.RandWeight, errors),
            PriceExpFactor = Number(section, nameof(PriceExpFactor), Default.PriceExpFactor, errors),
        };
        errors.AddRange(options.Validate());
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid MinLS settings: " + string.Join(" ", errors));
        }

        return options;
    }

    /// <summary>The problems with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinLatencyScore < 0 || !double.IsFinite(MinLatencyScore))
        {
            errors.Add($"Plugins:MinLS:MinLatencyScore must be a finite number >= 0 (was {Format(MinLatencyScore)}).");
        }

        foreach (var (name, weight) in new[] { (nameof(StakeWeight), StakeWeight), (nameof(PriceWeight), PriceWeight), (nameof(RandWeight), RandWeight) })
        {
            if (weight is < 0 or > 1 || !double.IsFinite(weight))
            {
                errors.Add($"Plugins:MinLS:{name} must be between 0 and 1 (was {Format(weight)}).");
            }
        }

        var sum = StakeWeight + PriceWeight + RandWeight;
        if (!(Math.Abs(sum - 1.0) <= WeightTolerance))
        {
            errors.Add($"Plugins:MinLS:StakeWeight + PriceWeight + RandWeight must sum to 1 (±{Format(WeightTolerance)}); " +
                $"{Format(StakeWeight)} + {Format(PriceWeight)} + {Format(RandWeight)} = {Format(sum)}.");
        }

        if (!(PriceExpFactor > 0) || !double.IsFinite(PriceExpFactor))
        {
            errors.Add($"Plugins:MinLS:PriceExpFactor must be a finite number > 0 (was {Format(PriceExpFactor)}).");
        }

        return errors;
    }

    private static double Number(IConfiguration section, string key, double fallback, List<string> errors)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"Plugins:MinLS:{key} must be a number (was '{text}').");
        return fallback;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
