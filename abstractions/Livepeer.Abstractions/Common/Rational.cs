using System.Globalization;
using System.Numerics;

namespace Livepeer.Abstractions;

/// <summary>
/// An exact rational number (a reduced fraction with a positive denominator), used for every
/// amount of money and every price so that no rounding happens before a value reaches the wire.
/// </summary>
/// <remarks>Mirrors go-livepeer's use of <c>big.Rat</c> for prices, balances and ticket EV.</remarks>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly BigInteger _numerator;
    private readonly BigInteger _denominatorMinusOne; // so that default(Rational) is 0/1

    /// <summary>Creates <paramref name="numerator"/> / <paramref name="denominator"/>, reduced.</summary>
    /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A rational number cannot have a zero denominator.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        _numerator = numerator;
        _denominatorMinusOne = denominator - 1;
    }

    /// <summary>Zero.</summary>
    public static Rational Zero => default;

    /// <summary>One.</summary>
    public static Rational One => new(BigInteger.One, BigInteger.One);

    /// <summary>The numerator of the reduced fraction; carries the sign.</summary>
    public BigInteger Numerator => _numerator;

    /// <summary>The denominator of the reduced fraction; always positive.</summary>
    public BigInteger Denominator => _denominatorMinusOne + 1;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => _numerator.Sign;

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => _numerator.IsZero;

    /// <summary>True when the value is a whole number.</summary>
    public bool IsInteger => Denominator.IsOne;

    /// <summary>The largest integer not greater than this value.</summary>
    public BigInteger Floor()
    {
        var quotient = BigInteger.DivRem(_numerator, Denominator, out var remainder);
        return remainder.Sign < 0 ? quotient - 1 : quotient;
    }

    /// <summary>The smallest integer not less than this value.</summary>
    public BigInteger Ceiling()
    {
        var quotient = BigInteger.DivRem(_numerator, Denominator, out var remainder);
        return remainder.Sign > 0 ? quotient + 1 : quotient;
    }

    /// <summary>An approximation for display and for probability weights; never for money.</summary>
    public double ToDouble()
    {
        // Scale both parts into double range first, so huge fractions (e.g. EV over 2^256) do not become ∞/∞.
        var numerator = _numerator;
        var denominator = Denominator;
        var excess = (int)Math.Max(BigInteger.Abs(numerator).GetBitLength(), denominator.GetBitLength()) - 1000;
        if (excess > 0)
        {
            numerator >>= excess;
            denominator >>= excess;
            if (denominator.IsZero)
            {
                return numerator.Sign * double.PositiveInfinity;
            }
        }

        return (double)numerator / (double)denominator;
    }

    /// <summary>Parses "n", "n/d" or a plain decimal such as "0.25" exactly.</summary>
    /// <exception cref="FormatException">The text is not a rational number.</exception>
    public static Rational Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a rational number.");

    /// <summary>Parses "n", "n/d" or a plain decimal such as "0.25" exactly.</summary>
    public static bool TryParse(string? text, out Rational value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!BigInteger.TryParse(text.AsSpan(0, slash), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ||
                !BigInteger.TryParse(text.AsSpan(slash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ||
                d.IsZero)
            {
                return false;
            }

            value = new Rational(n, d);
            return true;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            {
                return false;
            }

            value = new Rational(whole, BigInteger.One);
            return true;
        }

        var fraction = text.AsSpan(dot + 1);
        if (fraction.IsEmpty || fraction.ContainsAnyExcept("0123456789") ||
            !BigInteger.TryParse(string.Concat(text.AsSpan(0, dot), fraction), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var digits))
        {
            return false;
        }

        value = new Rational(digits, BigInteger.Pow(10, fraction.Length));
        return true;
    }

    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(long value) => new(value, BigInteger.One);

    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(BigInteger value) => new(value, BigInteger.One);

    /// <summary>Sum.</summary>
    public static Rational operator +(Rational a, Rational b) =>
        new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    /// <summary>Difference.</summary>
    public static Rational operator -(Rational a, Rational b) =>
        new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    /// <summary>Negation.</summary>
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    /// <summary>Product.</summary>
    public static Rational operator *(Rational a, Rational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <summary>Quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
    public static Rational operator /(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>Comparison.</summary>
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    /// <summary>Comparison.</summary>
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    /// <summary>Comparison.</summary>
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    /// <summary>Comparison.</summary>
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <summary>Equality.</summary>
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    /// <inheritdoc />
    public int CompareTo(Rational other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <inheritdoc />
    public bool Equals(Rational other) => _numerator == other._numerator && _denominatorMinusOne == other._denominatorMinusOne;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_numerator, _denominatorMinusOne);

    /// <summary>"n" for integers, otherwise "n/d".</summary>
    public override string ToString() =>
        IsInteger
            ? _numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{_numerator}/{Denominator}");
}
