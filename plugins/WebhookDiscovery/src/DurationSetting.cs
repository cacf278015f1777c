using System.Globalization;

namespace Livepeer.Plugins.WebhookDiscovery;

/// <summary>
/// Durations in settings: .NET's <c>hh:mm:ss</c> form (<c>00:01:00</c>), Go's form as go-livepeer's flags
/// take it (<c>1m</c>, <c>90s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>), or a plain number of seconds.
/// </summary>
internal static class DurationSetting
{
    private static readonly (string Unit, double Seconds)[] Units = [("ms", 0.001), ("h", 3600), ("m", 60), ("s", 1)];

    /// <summary>Parses <paramref name="text"/>; false when it is none of the accepted forms or out of range.</summary>
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
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
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

    private static bool FromSeconds(double seconds, out TimeSpan value)
    {
        value = default;
        if (!double.IsFinite(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
