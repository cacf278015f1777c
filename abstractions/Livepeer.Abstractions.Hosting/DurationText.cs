using System.Globalization;

namespace Livepeer.Abstractions.Hosting;

/// <summary>
/// Durations as settings and flags spell them: Go's form as go-livepeer's flags take it (<c>500ms</c>,
/// <c>90s</c>, <c>1m30s</c>, <c>1h</c>), .NET's <c>hh:mm:ss</c> (<c>00:01:00</c>), or a plain number of seconds.
/// </summary>
public static class DurationText
{
    private static readonly (string Unit, double Seconds)[] Units = [("ms", 0.001), ("us", 0.000001), ("ns", 0.000000001), ("h", 3600), ("m", 60), ("s", 1)];

    /// <summary>Parses <paramref name="text"/>; false when it is none of the accepted forms, negative or out of range.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plainSeconds))
        {
            return FromSeconds(plainSeconds, out value);
        }

        var seconds = 0.0;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(rest[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            rest = rest[digits..];
            var matched = false;
            foreach (var (unit, unitSeconds) in Units)
            {
                if (rest.StartsWith(unit, StringComparison.Ordinal))
                {
                    seconds += number * unitSeconds;
                    rest = rest[unit.Length..];
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                return false;
            }
        }

        return FromSeconds(seconds, out value);
    }

    /// <summary>Go's spelling of a duration (<c>1m30s</c>, <c>500ms</c>), for help text and logs.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###}ms");
        }

        var text = "";
        if (value.Hours + (value.Days * 24) > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"{value.Hours + (value.Days * 24)}h");
        }

        if (value.Minutes > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        }

        var seconds = value.Seconds + (value.Milliseconds / 1000.0);
        if (seconds > 0 || text.Length == 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###}s");
        }

        return text;
    }

    private static bool FromSeconds(double seconds, out TimeSpan value)
    {
        value = default;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
