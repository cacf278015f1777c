using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Plugins.Trickle;

/// <summary>The plugin's settings, read from <c>Plugins:Trickle</c> (upstream <c>TrickleServerConfig</c> plus limits).</summary>
internal sealed record TrickleOptions
{
    /// <summary>Where the routes live; go-livepeer's orchestrator uses <c>TrickleHTTPPath = "/ai/trickle/"</c>.</summary>
    public string BasePath { get; init; } = "/ai/trickle/";

    /// <summary>Create unknown channels on their first publish or create request (upstream <c>Autocreate</c>, off on orchestrators).</summary>
    public bool Autocreate { get; init; }

    /// <summary>A channel whose last segment started longer ago than this is closed by the sweep (upstream 5 min).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sweep runs (upstream 1 min).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The most bytes one segment may hold; more is answered 413.</summary>
    public long MaxSegmentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The most channels at once; creating more is answered 429 (or throws in process).</summary>
    public int MaxChannels { get; init; } = 10_000;

    /// <summary>How long an idle publish waits for its first byte between keep-alive ticks (upstream 10 s).</summary>
    public TimeSpan FirstByteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The node's trickle clients accept any server certificate, as go-livepeer's nodes do
    /// (<c>TrickleInsecureSkipVerify</c>; orchestrators use self-signed certificates).
    /// </summary>
    public bool ClientInsecureSkipVerify { get; init; } = true;

    /// <summary>Reads and validates the section; every problem is reported at once.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public static TrickleOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var errors = new List<string>();
        var defaults = new TrickleOptions();
        var basePath = section[nameof(BasePath)] is { Length: > 0 } path ? path : defaults.BasePath;
        if (!basePath.StartsWith('/') || basePath.Contains('{', StringComparison.Ordinal) || basePath.Contains('}', StringComparison.Ordinal) || basePath.Contains('?', StringComparison.Ordinal))
        {
            errors.Add($"Plugins:Trickle:BasePath '{basePath}' must start with '/' and hold no '{{', '}}' or '?'.");
        }
        else if (!basePath.EndsWith('/'))
        {
            basePath += "/";
        }

        var options = new TrickleOptions
        {
            BasePath = basePath,
            Autocreate = ReadBool(section, nameof(Autocreate), defaults.Autocreate, errors),
            IdleTimeout = ReadDuration(section, nameof(IdleTimeout), defaults.IdleTimeout, errors),
            SweepInterval = ReadDuration(section, nameof(SweepInterval), defaults.SweepInterval, errors),
            MaxSegmentBytes = ReadLong(section, nameof(MaxSegmentBytes), defaults.MaxSegmentBytes, 1, long.MaxValue, errors),
            MaxChannels = (int)ReadLong(section, nameof(MaxChannels), defaults.MaxChannels, 1, int.MaxValue, errors),
            FirstByteTimeout = ReadDuration(section, nameof(FirstByteTimeout), defaults.FirstByteTimeout, errors),
            ClientInsecureSkipVerify = ReadBool(section, nameof(ClientInsecureSkipVerify), defaults.ClientInsecureSkipVerify, errors),
        };

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        return options;
    }

    private static bool ReadBool(IConfiguration section, string key, bool fallback, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"Plugins:Trickle:{key} '{text}' is not true or false.");
        return fallback;
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

        errors.Add($"Plugins:Trickle:{key} '{text}' is not a whole number from {min} to {max}.");
        return fallback;
    }

    // A duration is a TimeSpan ("00:05:00") or a number of seconds ("300", "0.5").
    private static TimeSpan ReadDuration(IConfiguration section, string key, TimeSpan fallback, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        errors.Add($"Plugins:Trickle:{key} '{text}' is not a positive duration (hh:mm:ss or seconds).");
        return fallback;
    }
}
