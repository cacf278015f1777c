namespace Livepeer.Host.Configuration;

/// <summary>
/// Every command-line flag the host knows. Names follow go-livepeer (single dash accepted); each flag
/// writes one configuration key, so a flag, the JSON config file and an environment variable are three
/// spellings of the same setting. docs/configuration.md is checked against this table by a test.
/// </summary>
internal static class NodeFlags
{
    public static IReadOnlyList<FlagDefinition> All { get; } =
    [
        new("gateway", "Node:Gateway", FlagKind.Bool, "false", "Run as a gateway (with no role flag: gateway, orchestrator and transcoder together)") { Aliases = ["broadcaster"] },
        new("orchestrator", "Node:Orchestrator", FlagKind.Bool, "false", "Run as an orchestrator"),
        new("transcoder", "Node:Transcoder", FlagKind.Bool, "false", "Run as a transcoder"),
        new("remoteSigner", "Node:RemoteSigner", FlagKind.Bool, "false", "Run as a remote signer on -httpAddr: sign orchestrator requests and BYOC jobs, generate live payments, discover orchestrators for key-less gateways"),
        new("network", "Node:Network", FlagKind.String, "offchain", "Network to connect to; only 'offchain' is supported so far"),
        new("serviceAddr", "Node:ServiceAddr", FlagKind.String, "127.0.0.1:8935", "Orchestrator service address (host:port) advertised to gateways and listened on"),
        new("httpAddr", "Node:HttpAddr", FlagKind.String, "127.0.0.1:9935", "Gateway HTTP address (ingest, HLS, stream API)"),
        new("cliAddr", "Node:CliAddr", FlagKind.String, "127.0.0.1:5935", "CLI/admin API address (7935 for an orchestrator-only node, 6935 for a transcoder-only node)"),
        new("rtmpAddr", "Plugins:Rtmp:Address", FlagKind.String, "127.0.0.1:1935", "RTMP ingest address (served by the Rtmp plugin)"),
        new("orchAddr", "Node:OrchAddr", FlagKind.String, "", "Comma-separated orchestrator URIs for the gateway (default: this node's own orchestrator when it runs one)"),
        new("orchSecret", "Node:OrchSecret", FlagKind.String, "", "Shared secret for transcoders and BYOC workers registering with this orchestrator (none given: one made for the data dir, kept in <datadir>/orchSecret)"),
        new("pricePerUnit", "Node:PricePerUnit", FlagKind.Int, "0", "Orchestrator price in wei per pixelsPerUnit pixels"),
        new("pixelsPerUnit", "Node:PixelsPerUnit", FlagKind.Int, "1", "Pixels per price unit"),
        new("maxSessions", "Node:MaxSessions", FlagKind.Int, "10", "Maximum concurrent sessions (streams on a gateway, transcoding sessions on an orchestrator)"),
        new("datadir", "Node:DataDir", FlagKind.String, "~/.lpData/<network>", "Data directory (node database, keys, certificates)") { Aliases = ["dataDir"] },
        new("orchWebhookUrl", "Plugins:WebhookDiscovery:Url", FlagKind.String, "", "Orchestrator discovery webhook URL (gateway; served by the WebhookDiscovery plugin, which then becomes the default discovery)"),
        new("authWebhookUrl", "Node:AuthWebhookUrl", FlagKind.String, "", "Stream authentication webhook URL (gateway) / discovery auth webhook (orchestrator)"),
        new("transcodingOptions", "Node:TranscodingOptions", FlagKind.String, "P240p30fps16x9,P360p30fps16x9", "Comma-separated rendition presets"),
        new("nvidia", "Node:Nvidia", FlagKind.String, "", "Comma-separated NVIDIA GPU ids to transcode on, or 'all'"),
        new("v", "Node:Verbosity", FlagKind.Int, "3", "Log verbosity 0-6 (3 = information, 4 = debug, 5+ = trace)"),
        new("pluginsDir", "Node:PluginsDir", FlagKind.String, "<executable folder>/plugins", "Folder holding one sub-folder per plugin"),
        new("discovery", "Node:Discovery", FlagKind.String, "orchAddr", "Comma-separated discovery sources the gateway uses, by name ('webhook' when -orchWebhookUrl is set)"),
        new("selector", "Node:Selector", FlagKind.String, "", "Orchestrator selection policy, by name (default: the first one a plugin provides)"),
        new("paymentScheme", "Node:PaymentScheme", FlagKind.String, "none", "Payment scheme, by name ('none' offchain)"),
        new("transcoderName", "Node:TranscoderName", FlagKind.String, "", "Transcoder implementation, by name (default: the first one a plugin provides)"),
        new("maxPricePerUnit", "Node:MaxPricePerUnit", FlagKind.Int, "0", "Gateway: highest acceptable orchestrator price in wei per pixelsPerUnit pixels (0 = no limit)"),
        new("discoveryTimeout", "Node:DiscoveryTimeout", FlagKind.String, "500ms", "Gateway: first wait for GetOrchestrator answers during discovery; doubles while none arrived, cut off at 6s"),
        new("orchBlocklist", "Node:OrchBlocklist", FlagKind.String, "", "Gateway: comma-separated orchestrator ETH addresses never to use"),
        new("currentManifest", "Plugins:Hls:CurrentManifest", FlagKind.Bool, "false", "Gateway: also serve the most recently started stream's HLS playlist as /stream/current.m3u8 (Hls plugin)"),
        new("httpIngest", "Plugins:HttpPush:Enabled", FlagKind.Bool, "true", "Gateway: accept HTTP push ingest on /live/ (HttpPush plugin); unset, it is off when -httpAddr is not loopback and no -authWebhookUrl is set"),
        new("ethKeystorePath", "Node:EthKeystorePath", FlagKind.String, "<datadir>/keystore", "V3 keystore file, or folder of them, holding the node's Ethereum key (a key is created there when one is needed and none exists)"),
        new("ethAcctAddr", "Node:EthAcctAddr", FlagKind.String, "", "Ethereum account address to use from the keystore"),
        new("redeemer", "Node:Redeemer", FlagKind.Bool, "false", "Run as a ticket redeemer: serve net.TicketRedeemer on -serviceAddr and redeem the winning tickets orchestrators queue"),
        new("redeemerAddr", "Node:RedeemerAddr", FlagKind.String, "", "Orchestrator: host:port of the redeemer to queue winning tickets with and ask max floats of (default: redeem locally)"),
        new("ticketEV", "Plugins:Pm:TicketEV", FlagKind.String, "8000000000", "Orchestrator: expected value in wei of the tickets it asks for (pm plugin)"),
        new("maxTicketEV", "Plugins:Pm:MaxTicketEV", FlagKind.String, "3000000000000", "Gateway: highest ticket expected value in wei it accepts (pm plugin)"),
        new("maxTotalEV", "Plugins:Pm:MaxTotalEV", FlagKind.String, "20000000000000", "Gateway: highest expected value in wei of one payment's tickets together (pm plugin)"),
        new("depositMultiplier", "Plugins:Pm:DepositMultiplier", FlagKind.Int, "1", "Gateway: a ticket's face value may be at most deposit / depositMultiplier (pm plugin)"),
        new("maxFaceValue", "Plugins:Pm:MaxFaceValue", FlagKind.String, "0", "Orchestrator: cap on the face value of its tickets in wei, 0 for none (pm plugin)"),
        new("ethPassword", "Node:EthPassword", FlagKind.String, "", "Password of the keystore, or the path of a file holding it"),
    ];

    /// <summary>Flags by every accepted name, compared ordinally ignoring case as go's flag package does not (we accept both).</summary>
    public static IReadOnlyDictionary<string, FlagDefinition> ByName { get; } = BuildIndex();

    private static Dictionary<string, FlagDefinition> BuildIndex()
    {
        var index = new Dictionary<string, FlagDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var flag in All)
        {
            index.Add(flag.Name, flag);
            foreach (var alias in flag.Aliases)
            {
                index.TryAdd(alias, flag);
            }
        }

        return index;
    }
}
