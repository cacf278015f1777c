namespace Livepeer.Abstractions.Discovery;

/// <summary>Names of the shipped discovery sources.</summary>
public static class DiscoverySourceNames
{
    /// <summary>The operator's fixed <c>-orchAddr</c> list.</summary>
    public const string OrchAddr = "orchAddr";

    /// <summary>The <c>-orchWebhookUrl</c> webhook.</summary>
    public const string Webhook = "webhook";

    /// <summary>Orchestrators cached in the node database.</summary>
    public const string Database = "db";
}
