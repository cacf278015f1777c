using Livepeer.Host.Configuration;

namespace Livepeer.Host.Tests.Configuration;

public sealed class CommandLineTests
{
    [Fact]
    public void Go_style_flags_set_their_configuration_keys()
    {
        var parsed = CommandLine.Parse(["-orchestrator", "-serviceAddr", "1.2.3.4:8935", "--pricePerUnit=1000", "-v=5", "-broadcaster=false"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal("true", parsed.Settings["Node:Orchestrator"]);
        Assert.Equal("1.2.3.4:8935", parsed.Settings["Node:ServiceAddr"]);
        Assert.Equal("1000", parsed.Settings["Node:PricePerUnit"]);
        Assert.Equal("5", parsed.Settings["Node:Verbosity"]);
        Assert.Equal("false", parsed.Settings["Node:Gateway"]);
    }

    [Fact]
    public void Plugin_owned_flags_write_the_plugin_section()
    {
        Assert.Equal("http://h/o", CommandLine.Parse(["-orchWebhookUrl", "http://h/o"]).Settings["Plugins:WebhookDiscovery:Url"]);
    }

    [Fact]
    public void Boolean_flags_do_not_swallow_the_next_argument()
    {
        var parsed = CommandLine.Parse(["-gateway", "-orchAddr", "o:8935"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal("true", parsed.Settings["Node:Gateway"]);
        Assert.Equal("o:8935", parsed.Settings["Node:OrchAddr"]);
    }

    [Fact]
    public void Plugin_settings_and_config_path_are_accepted()
    {
        var parsed = CommandLine.Parse(["--Plugins:Trickle:Autocreate=true", "--Plugins:X:Y", "z", "--config", "/tmp/node.json"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal("true", parsed.Settings["Plugins:Trickle:Autocreate"]);
        Assert.Equal("z", parsed.Settings["Plugins:X:Y"]);
        Assert.Equal("/tmp/node.json", parsed.ConfigPath);
    }

    [Theory]
    [InlineData("-nonsense", "Unknown flag -nonsense")]
    [InlineData("stray", "Unexpected argument 'stray'")]
    [InlineData("-maxSessions=ten", "takes an integer")]
    [InlineData("-gateway=maybe", "takes true or false")]
    [InlineData("--Other:Key=1", "Unknown setting 'Other:Key'")]
    [InlineData("--Plugins:", "Unknown setting")]
    [InlineData("-", "Unexpected argument")]
    public void Bad_arguments_are_errors_that_name_them(string argument, string expected)
    {
        var parsed = CommandLine.Parse([argument]);
        Assert.Contains(parsed.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_flag_missing_its_value_is_an_error()
    {
        Assert.Contains(CommandLine.Parse(["-httpAddr"]).Errors, e => e.Contains("needs a value", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        Assert.Equal(3, CommandLine.Parse(["-a", "-b", "-c"]).Errors.Count);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("-help")]
    [InlineData("--help")]
    public void Help_is_recognised(string flag)
    {
        Assert.True(CommandLine.Parse([flag]).ShowHelp);
    }

    [Fact]
    public void Help_text_lists_every_flag_and_default()
    {
        var help = HelpText.Build();
        foreach (var flag in NodeFlags.All)
        {
            Assert.Contains("-" + flag.Name, help, StringComparison.Ordinal);
            Assert.Contains(flag.ConfigKey, help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var args = Enumerable.Range(0, random.Next(0, 6)).Select(_ => RandomArgument(random)).ToArray();
            var parsed = CommandLine.Parse(args);
            Assert.NotNull(parsed.Errors);
        }
    }

    private static string RandomArgument(Random random)
    {
        var alphabet = "-=:abcdefghPluginsNode \u0000\u00e9-9";
        return new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }
}
