using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.WebhookDiscovery;

/// <summary>The plugin's log messages; event ids 3100–3199 are this plugin's and stay stable.</summary>
internal static partial class WebhookDiscoveryLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Webhook discovery {Webhook} listed {Count} orchestrators")]
    public static partial void Refreshed(ILogger logger, string webhook, int count);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Webhook discovery {Webhook} answered as before; keeping {Count} orchestrators")]
    public static partial void Unchanged(ILogger logger, string webhook, int count);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Webhook discovery {Webhook} failed: {Reason}; keeping the last {Count} orchestrators")]
    public static partial void Failed(ILogger logger, string webhook, string reason, int count);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Webhook discovery {Webhook} listed {Skipped} entries whose address is not an absolute http(s) URL (first: '{Example}'); they are skipped")]
    public static partial void InvalidAddresses(ILogger logger, string webhook, int skipped, string example);
}
