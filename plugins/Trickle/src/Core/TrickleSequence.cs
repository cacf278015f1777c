using System.Globalization;

namespace Livepeer.Plugins.Trickle.Core;

/// <summary>Parsing of the <c>{idx}</c> path segment and the sequence headers.</summary>
internal static class TrickleSequence
{
    /// <summary>"the next segment to be written".</summary>
    public const long Next = -1;

    /// <summary>"the last segment written".</summary>
    public const long Current = -2;

    /// <summary>
    /// Upstream parses with Go's <c>strconv.Atoi</c>: optional sign, ASCII digits, 64-bit range. Values below
    /// <paramref name="lowest"/> (and long.MaxValue, whose successor overflows) are refused too; Go would
    /// index its ring with a negative slot and panic.
    /// </summary>
    public static bool TryParse(string? text, long lowest, out long sequence)
    {
        sequence = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 20)
        {
            return false;
        }

        var digits = text[0] is '+' or '-' ? text.AsSpan(1) : text.AsSpan();
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out sequence)
            && sequence >= lowest && sequence < long.MaxValue;
    }

    /// <summary>A sequence number as a header value (decimal, invariant).</summary>
    public static string Format(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);
}
