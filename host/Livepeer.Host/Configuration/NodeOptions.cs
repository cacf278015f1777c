using System.Globalization;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Transcoding;

namespace Livepeer.Host.Configuration;

/// <summary>The node's own settings (section <c>Node</c>), validated once at start-up.</summary>
internal sealed record NodeOptions
{
    public const string SectionName = "Node";

    /// <summary>Where <c>-orchWebhookUrl</c> goes: the WebhookDiscovery plugin's own section.</summary>
    public const string WebhookUrlKey = "Plugins:WebhookDiscovery:Url";

    public NodeRoles Roles { get; init; }

    /// <summary>True when no role flag was given and the node runs its default roles (gateway + orchestrator + transcoder).</summary>
    public bool RolesByDefault { get; init; }

    public string Network { get; init; } = "offchain";

    public ListenAddress ServiceAddr { get; init; } = new("127.0.0.1", 8935);

    public ListenAddress HttpAddr { get; init; } = new("127.0.0.1", 9935);

    public ListenAddress CliAddr { get; init; } = new("127.0.0.1", 5935);

    public IReadOnlyList<Uri> OrchAddr { get; init; } = [];

    public string OrchSecret { get; init; } = "";

    /// <summary>Where the secret was read from when none was configured (<see cref="OrchSecretFile"/>); null when it was given.</summary>
    public string? OrchSecretPath { get; init; }

    public long PricePerUnit { get; init; }

    public long PixelsPerUnit { get; init; } = 1;

    public int MaxSessions { get; init; } = 10;

    public string DataDir { get; init; } = "";

    public Uri? AuthWebhookUrl { get; init; }

    public IReadOnlyList<TranscodeProfile> TranscodingOptions { get; init; } = [];

    public string Nvidia { get; init; } = "";

    public int Verbosity { get; init; } = 3;

    public string PluginsDir { get; init; } = "";

    public IReadOnlyList<string> Discovery { get; init; } = [];

    public string? Selector { get; init; }

    public string PaymentScheme { get; init; } = "none";

    /// <summary>Orchestrator: the redeemer to queue winning tickets with and ask max floats of (<c>-redeemerAddr</c>); null to redeem locally.</summary>
    public Uri? RedeemerAddr { get; init; }

    /// <summary>True when the node runs the pm payment machinery (broker, ticket queue, max float): a scheme other than none, or the redeemer role.</summary>
    public bool UsesTicketBroker => Roles.HasFlag(NodeRoles.Redeemer) || !PaymentScheme.Equals("none", StringComparison.OrdinalIgnoreCase);

    public string? TranscoderName { get; init; }

    /// <summary>Gateway: the highest acceptable price in wei per <see cref="PixelsPerUnit"/> pixels; 0 for no limit.</summary>
    public long MaxPricePerUnit { get; init; }

    /// <summary>Gateway: the first wait for GetOrchestrator answers (go-livepeer <c>-discoveryTimeout</c>).</summary>
    public TimeSpan DiscoveryTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gateway: orchestrator addresses never used (<c>-orchBlocklist</c>).</summary>
    public IReadOnlyList<EthAddress> OrchBlocklist { get; init; } = [];

    /// <summary>The keystore file or folder (<c>-ethKeystorePath</c>; default <c>&lt;datadir&gt;/keystore</c>).</summary>
    public string EthKeystorePath { get; init; } = "";

    /// <summary>The account to unlock (<c>-ethAcctAddr</c>); null for the keystore's only account.</summary>
    public EthAddress? EthAcctAddr { get; init; }

    /// <summary>The keystore password or a file holding it (<c>-ethPassword</c>).</summary>
    public string EthPassword { get; init; } = "";

    /// <summary>
    /// True when the node unlocks (or creates) an Ethereum account at start-up: a payment scheme other than
    /// <c>none</c>, or any <c>-eth*</c> key flag. Offchain with none of them stays keyless.
    /// </summary>
    public bool NeedsEthereumAccount { get; init; }

    /// <summary>The node-wide settings plugins may read (registered as <see cref="NodeSettings"/>).</summary>
    public NodeSettings ToNodeSettings() => new(Roles, Network, DataDir)
    {
        MaxSessions = MaxSessions,
        AuthWebhookUrl = AuthWebhookUrl,
        TranscodingProfiles = TranscodingOptions,
        Price = new Abstractions.Orchestrators.Price(Math.Max(0, PricePerUnit), Math.Max(1, PixelsPerUnit)),
        OrchestratorSecret = OrchSecret,
        PaymentScheme = PaymentScheme,
    };

    /// <summary>The orchestrator's public service URI (<c>https://serviceAddr</c>).</summary>
    public Uri ServiceUri => new($"https://{ServiceAddr}");

    /// <summary>Reads and validates the <c>Node</c> section; every problem is added to <paramref name="errors"/>.</summary>
    public static NodeOptions Read(IConfiguration configuration, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var node = configuration.GetSection(SectionName);

        var roles = NodeRoles.None;
        if (Bool(node, "Gateway", errors))
        {
            roles |= NodeRoles.Gateway;
        }

        if (Bool(node, "Orchestrator", errors))
        {
            roles |= NodeRoles.Orchestrator;
        }

        if (Bool(node, "Transcoder", errors))
        {
            roles |= NodeRoles.Transcoder;
        }

        if (Bool(node, "Redeemer", errors))
        {
            roles |= NodeRoles.Redeemer;
        }

        if (Bool(node, "RemoteSigner", errors))
        {
            roles |= NodeRoles.RemoteSigner;
        }

        var rolesByDefault = roles == NodeRoles.None;
        if (rolesByDefault)
        {
            roles = NodeRoles.Gateway | NodeRoles.Orchestrator | NodeRoles.Transcoder;
        }

        var network = node["Network"] is { Length: > 0 } n ? n : "offchain";
        if (!network.Equals("offchain", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"-network {network} is not supported yet; the only network is 'offchain'.");
        }

        var cliPort = roles.HasFlag(NodeRoles.Gateway) ? 5935 : roles.HasFlag(NodeRoles.Orchestrator) ? 7935 :
            roles.HasFlag(NodeRoles.Transcoder) ? 6935 : roles.HasFlag(NodeRoles.RemoteSigner) ? 3935 : 6935;
        var pixelsPerUnit = Long(node, "PixelsPerUnit", 1, errors);
        if (pixelsPerUnit <= 0)
        {
            errors.Add("-pixelsPerUnit must be greater than 0.");
        }

        var pricePerUnit = Long(node, "PricePerUnit", 0, errors);
        if (pricePerUnit < 0)
        {
            errors.Add("-pricePerUnit must not be negative.");
        }

        var maxSessions = Long(node, "MaxSessions", 10, errors);
        if (maxSessions is <= 0 or > int.MaxValue)
        {
            errors.Add("-maxSessions must be a positive integer.");
        }

        var verbosity = Long(node, "Verbosity", 3, errors);
        if (verbosity is < 0 or > 6)
        {
            errors.Add("-v must be between 0 and 6.");
        }

        IReadOnlyList<TranscodeProfile> profiles = [];
        try
        {
            profiles = TranscodeProfiles.ParseList(node["TranscodingOptions"] is { Length: > 0 } t ? t : TranscodeProfiles.DefaultOptions);
        }
        catch (FormatException e)
        {
            errors.Add("-transcodingOptions: " + e.Message);
        }

        var maxPricePerUnit = Long(node, "MaxPricePerUnit", 0, errors);
        if (maxPricePerUnit < 0)
        {
            errors.Add("-maxPricePerUnit must not be negative.");
        }

        var discoveryTimeout = Duration(node, "DiscoveryTimeout", TimeSpan.FromMilliseconds(500), errors);
        if (discoveryTimeout <= TimeSpan.Zero)
        {
            errors.Add("-discoveryTimeout must be positive.");
            discoveryTimeout = TimeSpan.FromMilliseconds(500);
        }

        var dataDir = node["DataDir"] is { Length: > 0 } d ? d : Path.Combine("~", ".lpData", network.ToLowerInvariant());
        EthAddress? ethAcctAddr = null;
        if (node["EthAcctAddr"] is { Length: > 0 } acct)
        {
            if (EthAddress.TryParse(acct, out var parsed))
            {
                ethAcctAddr = parsed;
            }
            else
            {
                errors.Add($"-ethAcctAddr: '{acct}' is not an ETH address.");
            }
        }

        var paymentScheme = node["PaymentScheme"] is { Length: > 0 } ps ? ps : "none";
        var redeemerAddr = RedeemerAddress(node["RedeemerAddr"], errors);
        if (redeemerAddr is not null && roles.HasFlag(NodeRoles.Redeemer))
        {
            errors.Add("-redeemerAddr names another redeemer, but this node runs -redeemer itself; give one or the other.");
        }

        var explicitKeys = !string.IsNullOrEmpty(node["EthKeystorePath"]) || !string.IsNullOrEmpty(node["EthAcctAddr"]) || !string.IsNullOrEmpty(node["EthPassword"]);
        var pluginsDir = node["PluginsDir"] is { Length: > 0 } p ? p : Path.Combine(AppContext.BaseDirectory, "plugins");

        return new NodeOptions
        {
            Roles = roles,
            RolesByDefault = rolesByDefault,
            Network = network.ToLowerInvariant(),
            ServiceAddr = Address(node, "ServiceAddr", 8935, errors),
            HttpAddr = Address(node, "HttpAddr", 9935, errors),
            CliAddr = Address(node, "CliAddr", cliPort, errors),
            OrchAddr = OrchestratorAddresses.Parse(node["OrchAddr"], errors),
            OrchSecret = node["OrchSecret"] ?? "",
            PricePerUnit = pricePerUnit,
            PixelsPerUnit = pixelsPerUnit,
            MaxSessions = (int)Math.Clamp(maxSessions, 1, int.MaxValue),
            DataDir = ExpandHome(dataDir),
            AuthWebhookUrl = Url(node, "AuthWebhookUrl", errors),
            TranscodingOptions = profiles,
            Nvidia = node["Nvidia"] ?? "",
            Verbosity = (int)Math.Clamp(verbosity, 0, 6),
            PluginsDir = Path.GetFullPath(ExpandHome(pluginsDir)),
            // go-livepeer: -orchWebhookUrl takes precedence over -orchAddr (§5.1).
            Discovery = List(node["Discovery"], string.IsNullOrWhiteSpace(configuration[WebhookUrlKey]) ? "orchAddr" : "webhook"),
            Selector = node["Selector"] is { Length: > 0 } s ? s : null,
            PaymentScheme = paymentScheme,
            RedeemerAddr = redeemerAddr,
            TranscoderName = node["TranscoderName"] is { Length: > 0 } tn ? tn : null,
            MaxPricePerUnit = Math.Max(0, maxPricePerUnit),
            DiscoveryTimeout = discoveryTimeout,
            OrchBlocklist = Addresses(node["OrchBlocklist"], errors),
            EthKeystorePath = ExpandHome(node["EthKeystorePath"] is { Length: > 0 } ks ? ks : Path.Combine(dataDir, "keystore")),
            EthAcctAddr = ethAcctAddr,
            EthPassword = node["EthPassword"] ?? "",
            NeedsEthereumAccount = explicitKeys || roles.HasFlag(NodeRoles.Redeemer) || roles.HasFlag(NodeRoles.RemoteSigner) || !paymentScheme.Equals("none", StringComparison.OrdinalIgnoreCase),
        };
    }

    // go-livepeer dials -redeemerAddr as host:port over TLS; a URI with http:// means plaintext h2c.
    private static Uri? RedeemerAddress(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.AbsolutePath == "/")
        {
            return uri;
        }

        errors.Add($"-redeemerAddr must be host:port (or an https:// or http:// URI), not '{text}'.");
        return null;
    }

    private static string ExpandHome(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.GetFullPath(Path.Combine(home, path.Length > 2 ? path[2..] : ""));
        }

        return Path.GetFullPath(path);
    }

    private static IReadOnlyList<string> List(string? text, string fallback) =>
        (string.IsNullOrWhiteSpace(text) ? fallback : text).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // go-livepeer's -orchBlocklist: comma-separated addresses, with or without 0x, any case.
    private static IReadOnlyList<EthAddress> Addresses(string? text, List<string> errors)
    {
        var result = new List<EthAddress>();
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (EthAddress.TryParse(item, out var address))
            {
                result.Add(address);
            }
            else
            {
                errors.Add($"-orchBlocklist: '{item}' is not an ETH address.");
            }
        }

        return result;
    }

    // Go duration syntax as the flag package takes it: "500ms", "1.5s", "1m30s" (units ns, us, ms, s, m, h).
    internal static TimeSpan Duration(IConfigurationSection node, string key, TimeSpan fallback, List<string> errors)
    {
        var text = node[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var match = System.Text.RegularExpressions.Regex.Match(text.Trim(), @"^(?:(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h))+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        if (!match.Success)
        {
            errors.Add($"{node.Path}:{key} must be a duration such as 500ms or 2s, not '{text}'.");
            return fallback;
        }

        var ticks = 0.0;
        for (var i = 0; i < match.Groups[1].Captures.Count; i++)
        {
            var value = double.Parse(match.Groups[1].Captures[i].Value, CultureInfo.InvariantCulture);
            ticks += value * match.Groups[2].Captures[i].Value switch
            {
                "ns" => 0.01,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        return ticks < TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)ticks) : TimeSpan.MaxValue;
    }

    private static bool Bool(IConfigurationSection node, string key, List<string> errors)
    {
        var text = node[key];
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"Node:{key} must be true or false, not '{text}'.");
        return false;
    }

    private static long Long(IConfigurationSection node, string key, long fallback, List<string> errors)
    {
        var text = node[key];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"Node:{key} must be an integer, not '{text}'.");
        return fallback;
    }

    private static ListenAddress Address(IConfigurationSection node, string key, int defaultPort, List<string> errors)
    {
        if (ListenAddress.TryParse(node[key], "127.0.0.1", defaultPort, out var address, out var error))
        {
            return address;
        }

        errors.Add($"Node:{key}: {error}");
        return address;
    }

    private static Uri? Url(IConfigurationSection node, string key, List<string> errors)
    {
        var text = node[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        errors.Add($"Node:{key} must be an absolute http(s) URL, not '{text}'.");
        return null;
    }
}
