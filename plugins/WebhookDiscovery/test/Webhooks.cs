using System.Text.Json;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Plugins.WebhookDiscovery.Tests;

/// <summary>Builds sources and webhook bodies for the tests.</summary>
internal static class Webhooks
{
    public static WebhookDiscoverySource Source(
        Uri url,
        TimeProvider time,
        ListLogger<WebhookDiscoverySource>? logger = null,
        Func<WebhookDiscoveryOptions, WebhookDiscoveryOptions>? configure = null)
    {
        var options = new WebhookDiscoveryOptions { Url = url };
        options = configure?.Invoke(options) ?? options;
        return new WebhookDiscoverySource(options, new HttpClient(), ownsHttp: true, time, logger ?? new ListLogger<WebhookDiscoverySource>());
    }

    /// <summary>The webhook body listing <paramref name="candidates"/> with their scores.</summary>
    public static string Json(IEnumerable<OrchestratorCandidate> candidates) =>
        JsonSerializer.Serialize(candidates.Select(c => new { address = c.ServiceUri.OriginalString, score = c.Score }));

    /// <summary>A body listing <c>https://o{i}.example:8935</c> for each i, untrusted.</summary>
    public static string Json(params int[] orchestrators) =>
        JsonSerializer.Serialize(orchestrators.Select(i => new { address = Uri(i).OriginalString }));

    public static Uri Uri(int i) => new($"https://o{i}.example:8935");

    public static IEnumerable<Uri> Uris(this IReadOnlyList<OrchestratorCandidate> candidates) => candidates.Select(c => c.ServiceUri);
}
