namespace Livepeer.Abstractions.Orchestrators;

/// <summary>
/// A price as it travels on the wire (<c>net.PriceInfo</c>): <see cref="PricePerUnit"/> wei for every
/// <see cref="PixelsPerUnit"/> units of work. For transcoding a unit is a pixel; for BYOC it is a second
/// of compute and <see cref="PixelsPerUnit"/> carries the price scaling.
/// </summary>
public sealed record Price
{
    /// <summary>Creates a price, validating it as upstream does ("pixels per unit is 0" is an error).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative price or a non-positive unit count.</exception>
    public Price(long pricePerUnit, long pixelsPerUnit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pricePerUnit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelsPerUnit);
        PricePerUnit = pricePerUnit;
        PixelsPerUnit = pixelsPerUnit;
    }

    /// <summary>A zero price.</summary>
    public static Price Free { get; } = new(0, 1);

    /// <summary>Wei charged for <see cref="PixelsPerUnit"/> units.</summary>
    public long PricePerUnit { get; }

    /// <summary>Units of work covered by <see cref="PricePerUnit"/>; always positive.</summary>
    public long PixelsPerUnit { get; }

    /// <summary>The exact price of one unit of work, in wei.</summary>
    public Rational PerUnit => new(PricePerUnit, PixelsPerUnit);

    /// <summary>True when nothing is charged.</summary>
    public bool IsFree => PricePerUnit == 0;

    /// <summary>The exact cost of <paramref name="units"/> units of work, in wei.</summary>
    public Rational CostOf(Rational units) => PerUnit * units;
}
