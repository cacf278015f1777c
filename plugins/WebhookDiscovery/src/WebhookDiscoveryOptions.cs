using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Plugins.WebhookDiscovery;

/// <summary>Settings of the webhook discovery source, read from <c>Plugins:WebhookDiscovery</c>.</summary>
internal sealed record WebhookDiscoveryOptions
{
    /// <summary>Upstream's <c>common.WebhookDiscoveryRefreshInterval</c>.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>Upstream's webhook <c>http.Client</c> timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Largest body read (1 MiB, as upstream's <c>/discovery</c> fetch allows).</summary>
    public const int DefaultMaxResponseBytes = 1024 * 1024;

    /// <summary>Most entries accepted in one answer.</summary>
    public const int DefaultMaxEntries = 10_000;

    /// <summary>The webhook; <c>null</c> when none is configured (the plugin then registers nothing).</summary>
    public Uri? Url { get; init; }

    /// <summary>Headers sent with every request (for example an authorization token).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>How long a fetched list is used before the webhook is asked again.</summary>
    public TimeSpan RefreshInterval { get; init; } = DefaultRefreshInterval;

    /// <summary>How long one request may take, body included.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>A longer body is refused.</summary>
    public int MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary>An answer with more entries is refused.</summary>
    public int MaxEntries { get; init; } = DefaultMaxEntries;

    /// <summary>Reads and validates the section; every problem is reported in one exception.</summary>
    /// <exception cref="InvalidOperationException">A setting is malformed or out of range.</exception>
    public static WebhookDiscoveryOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var errors = new List<string>();
        var options = new WebhookDiscoveryOptions
        {
            Url = ReadUrl(section, errors),
            Headers = ReadHeaders(section, errors),
            RefreshInterval = ReadDuration(section, nameof(RefreshInterval), DefaultRefreshInterval, errors),
            Timeout = ReadDuration(section, nameof(Timeout), DefaultTimeout, errors),
            MaxResponseBytes = ReadCount(section, nameof(MaxResponseBytes), DefaultMaxResponseBytes, errors),
            MaxEntries = ReadCount(section, nameof(MaxEntries), DefaultMaxEntries, errors),
        };
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid WebhookDiscovery settings: " + string.Join(" ", errors));
        }

        return options;
    }

    private static Uri? ReadUrl(IConfiguration section, List<string> errors)
    {
        var text = section[nameof(Url)];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        errors.Add($"Plugins:WebhookDiscovery:Url must be an absolute http(s) URL (was '{text}').");
        return null;
    }

    private static List<KeyValuePair<string, string>> ReadHeaders(IConfiguration section, List<string> errors)
    {
        var headers = new List<KeyValuePair<string, string>>();
        using var probe = new HttpRequestMessage();
        foreach (var child in section.GetSection(nameof(Headers)).GetChildren())
        {
            var value = child.Value ?? "";
            if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal) ||
                !probe.Headers.TryAddWithoutValidation(child.Key, value))
            {
                errors.Add($"Plugins:WebhookDiscovery:Headers:{child.Key} is not a valid request header.");
                continue;
            }

            headers.Add(new(child.Key, value));
        }

        return headers;
    }

    private static TimeSpan ReadDuration(IConfiguration section, string key, TimeSpan fallback, List<string> errors)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (DurationSetting.TryParse(text, out var value) && value > TimeSpan.Zero && value <= TimeSpan.FromDays(1))
        {
            return value;
        }

        errors.Add($"Plugins:WebhookDiscovery:{key} must be a duration above zero and at most a day, like '1m', '30s' or '00:01:00' (was '{text}').");
        return fallback;
    }

    private static int ReadCount(IConfiguration section, string key, int fallback, List<string> errors)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        errors.Add($"Plugins:WebhookDiscovery:{key} must be a whole number above zero (was '{text}').");
        return fallback;
    }
}
