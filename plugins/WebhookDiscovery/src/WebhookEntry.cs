namespace Livepeer.Plugins.WebhookDiscovery;

/// <summary>One element of the webhook's answer, as sent: <c>{"address": "…", "score": …}</c>, both optional.</summary>
/// <param name="Address">The orchestrator's URL as text; empty when absent or null.</param>
/// <param name="Score">Its trust score; 0 (untrusted) when absent or null.</param>
internal readonly record struct WebhookEntry(string Address, double Score);
