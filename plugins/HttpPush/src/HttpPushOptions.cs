using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Plugins.HttpPush;

/// <summary>The plugin's settings, read from <c>Plugins:HttpPush</c>.</summary>
internal sealed record HttpPushOptions
{
    /// <summary>
    /// Upstream <c>MaxSegSize</c>: 5 minutes at 8 Mbps (300 000 000 bytes). Larger bodies are answered 413.
    /// </summary>
    public const long UpstreamMaxSegSize = 300_000_000;

    /// <summary>
    /// <c>-httpIngest</c>. <c>null</c> (unset) means as upstream: on, unless the gateway listens on a non-loopback
    /// address and no <c>-authWebhookUrl</c> is set. While off, <c>/live/</c> answers 404.
    /// </summary>
    public bool? Enabled { get; init; }

    /// <summary>The largest segment body accepted.</summary>
    public long MaxSegSize { get; init; } = UpstreamMaxSegSize;

    /// <summary>A stream with no push for this long ends (upstream <c>httpPushTimeout</c>, 60 s).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the auth webhook may take before the stream is refused.</summary>
    public TimeSpan AuthWebhookTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Reads and validates the section; every problem is reported at once.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public static HttpPushOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var errors = new List<string>();
        var defaults = new HttpPushOptions();
        bool? enabled = null;
        if (section[nameof(Enabled)] is { Length: > 0 } text)
        {
            if (bool.TryParse(text, out var value))
            {
                enabled = value;
            }
            else
            {
                errors.Add($"Plugins:HttpPush:Enabled '{text}' is not true or false.");
            }
        }

        var options = new HttpPushOptions
        {
            Enabled = enabled,
            MaxSegSize = ReadLong(section, nameof(MaxSegSize), defaults.MaxSegSize, 188, int.MaxValue, errors),
            IdleTimeout = ReadDuration(section, nameof(IdleTimeout), defaults.IdleTimeout, errors),
            AuthWebhookTimeout = ReadDuration(section, nameof(AuthWebhookTimeout), defaults.AuthWebhookTimeout, errors),
        };

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        return options;
    }

    private static long ReadLong(IConfiguration section, string key, long fallback, long min, long max, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"Plugins:HttpPush:{key} '{text}' is not a whole number from {min} to {max}.");
        return fallback;
    }

    // A duration is a TimeSpan ("00:01:00") or a number of seconds ("60", "0.5").
    private static TimeSpan ReadDuration(IConfiguration section, string key, TimeSpan fallback, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 86_400)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero && span < TimeSpan.FromDays(1))
        {
            return span;
        }

        errors.Add($"Plugins:HttpPush:{key} '{text}' is not a positive duration (hh:mm:ss or seconds).");
        return fallback;
    }
}
