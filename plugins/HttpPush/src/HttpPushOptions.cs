using Livepeer.Abstractions.Hosting;
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
        var settings = new SettingsReader(section, "Plugins:HttpPush");
        var defaults = new HttpPushOptions();
        var options = new HttpPushOptions
        {
            Enabled = settings.Raw(nameof(Enabled)) is null ? null : settings.Bool(nameof(Enabled), fallback: true),
            MaxSegSize = settings.Long(nameof(MaxSegSize), defaults.MaxSegSize, 188, int.MaxValue),
            IdleTimeout = settings.Duration(nameof(IdleTimeout), defaults.IdleTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1)),
            AuthWebhookTimeout = settings.Duration(nameof(AuthWebhookTimeout), defaults.AuthWebhookTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10)),
        };
        settings.ThrowIfInvalid();
        return options;
    }
}
