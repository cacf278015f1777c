using Livepeer.Abstractions.Hosting;
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
        var settings = new SettingsReader(section, "Plugins:WebhookDiscovery");
        var options = new WebhookDiscoveryOptions
        {
            Url = settings.HttpUrl(nameof(Url)),
            Headers = ReadHeaders(section, settings),
            RefreshInterval = settings.Duration(nameof(RefreshInterval), DefaultRefreshInterval, min: TimeSpan.FromTicks(1), max: TimeSpan.FromDays(1)),
            Timeout = settings.Duration(nameof(Timeout), DefaultTimeout, min: TimeSpan.FromTicks(1), max: TimeSpan.FromDays(1)),
            MaxResponseBytes = settings.Int(nameof(MaxResponseBytes), DefaultMaxResponseBytes, min: 1),
            MaxEntries = settings.Int(nameof(MaxEntries), DefaultMaxEntries, min: 1),
        };
        settings.ThrowIfInvalid();
        return options;
    }

    private static List<KeyValuePair<string, string>> ReadHeaders(IConfiguration section, SettingsReader settings)
    {
        var headers = new List<KeyValuePair<string, string>>();
        using var probe = new HttpRequestMessage();
        foreach (var child in section.GetSection(nameof(Headers)).GetChildren())
        {
            var value = child.Value ?? "";
            if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal) ||
                !probe.Headers.TryAddWithoutValidation(child.Key, value))
            {
                settings.AddError($"Headers:{child.Key}", "is not a valid request header");
                continue;
            }

            headers.Add(new(child.Key, value));
        }

        return headers;
    }
}
