using Livepeer.Abstractions;
using Livepeer.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Host.Tests.Configuration;

public sealed class NodeOptionsTests
{
    private static NodeOptions Read(out List<string> errors, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        errors = [];
        return NodeOptions.Read(configuration, errors);
    }

    [Fact]
    public void With_no_role_the_node_is_a_network_of_one()
    {
        var options = Read(out var errors);
        Assert.Empty(errors);
        Assert.Equal(NodeRoles.Gateway | NodeRoles.Orchestrator | NodeRoles.Transcoder, options.Roles);
        Assert.Equal("offchain", options.Network);
        Assert.Equal(new ListenAddress("127.0.0.1", 5935), options.CliAddr);
        Assert.Equal(new ListenAddress("127.0.0.1", 9935), options.HttpAddr);
        Assert.Equal(new ListenAddress("127.0.0.1", 8935), options.ServiceAddr);
        Assert.Equal(["P240p30fps16x9", "P360p30fps16x9"], options.TranscodingOptions.Select(p => p.Name));
        Assert.Equal(10, options.MaxSessions);
        Assert.Equal(["orchAddr"], options.Discovery);
        Assert.Equal("none", options.PaymentScheme);
        Assert.EndsWith(Path.Combine(".lpData", "offchain"), options.DataDir, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Node:Orchestrator", 7935)]
    [InlineData("Node:Transcoder", 6935)]
    [InlineData("Node:Gateway", 5935)]
    public void Cli_port_default_follows_the_role(string role, int port)
    {
        var options = Read(out var errors, (role, "true"));
        Assert.Empty(errors);
        Assert.Equal(port, options.CliAddr.Port);
    }

    [Fact]
    public void Every_invalid_value_is_reported()
    {
        Read(
            out var errors,
            ("Node:Network", "arbitrum-one-mainnet"),
            ("Node:PixelsPerUnit", "0"),
            ("Node:PricePerUnit", "-1"),
            ("Node:MaxSessions", "x"),
            ("Node:Verbosity", "9"),
            ("Node:TranscodingOptions", "P240p30fps16x9,P9000p"),
            ("Node:HttpAddr", "h:99999"),
            ("Node:AuthWebhookUrl", "not a url"),
            ("Node:Gateway", "perhaps"));
        Assert.Equal(9, errors.Count);
        Assert.Contains(errors, e => e.Contains("P9000p", StringComparison.Ordinal) && e.Contains("P360p30fps16x9", StringComparison.Ordinal));
    }

    [Fact]
    public void A_webhook_url_makes_webhook_the_default_discovery()
    {
        Assert.Equal(["webhook"], Read(out _, (NodeOptions.WebhookUrlKey, "http://127.0.0.1:1/orchs")).Discovery);
        Assert.Equal(["orchAddr", "webhook"], Read(out _, (NodeOptions.WebhookUrlKey, "http://x"), ("Node:Discovery", "orchAddr, webhook")).Discovery);
    }

    [Fact]
    public void Home_is_expanded_in_paths()
    {
        var options = Read(out var errors, ("Node:DataDir", "~/lp-test-data"));
        Assert.Empty(errors);
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "lp-test-data"), options.DataDir);
    }

    [Fact]
    public void The_redeemer_role_and_address_are_read_and_checked()
    {
        var redeemer = Read(out var errors, ("Node:Redeemer", "true"));
        Assert.Empty(errors);
        Assert.Equal(NodeRoles.Redeemer, redeemer.Roles);
        Assert.True(redeemer.NeedsEthereumAccount);
        Assert.True(redeemer.UsesTicketBroker);

        var orchestrator = Read(out errors, ("Node:Orchestrator", "true"), ("Node:RedeemerAddr", "10.0.0.5:8935"));
        Assert.Empty(errors);
        Assert.Equal(new Uri("https://10.0.0.5:8935"), orchestrator.RedeemerAddr);
        Assert.False(orchestrator.UsesTicketBroker);
        Assert.Equal(new Uri("http://127.0.0.1:9"), Read(out _, ("Node:RedeemerAddr", "http://127.0.0.1:9")).RedeemerAddr);

        Read(out errors, ("Node:RedeemerAddr", "https://host:1/path"));
        Assert.Single(errors);
        Read(out errors, ("Node:Redeemer", "true"), ("Node:RedeemerAddr", "127.0.0.1:9"));
        Assert.Contains(errors, e => e.Contains("-redeemerAddr", StringComparison.Ordinal));
        Assert.True(Read(out _, ("Node:PaymentScheme", "pm")).UsesTicketBroker);
    }
}
