using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Configuration;
using Livepeer.Host.Crypto;
using Livepeer.Host.Hosting;
using Livepeer.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Host.Tests.Crypto;

/// <summary>Start-up: keyless offchain by default; the -eth* flags unlock a keystore or refuse to start with a clear error.</summary>
public sealed class NodeKeysTests
{
    [Fact]
    public async Task Offchain_orchestrator_without_eth_flags_has_a_verifier_but_no_account_and_writes_no_keystore()
    {
        await using var node = await InProcessNode.StartAsync("-orchestrator");
        Assert.NotNull(node.Services.GetService<ISignatureVerifier>());
        Assert.Null(node.Services.GetService<IEthereumAccount>());
        Assert.False(Directory.Exists(Path.Combine(node.DataDir, "keystore")));
    }

    [Fact]
    public async Task Offchain_gateway_signs_with_a_key_of_its_own_run_and_writes_no_keystore()
    {
        await using var first = await InProcessNode.StartAsync("-gateway");
        await using var second = await InProcessNode.StartAsync("-gateway");
        var account = first.Services.GetRequiredService<IEthereumAccount>();
        Assert.NotEqual(default, account.Address);
        Assert.NotEqual(account.Address, second.Services.GetRequiredService<IEthereumAccount>().Address);
        var signature = account.SignMessage([4, 5, 6]);
        Assert.Equal(SignatureStatus.Valid, first.Services.GetRequiredService<ISignatureVerifier>().VerifyMessage(account.Address, [4, 5, 6], signature));
        Assert.False(Directory.Exists(Path.Combine(first.DataDir, "keystore")));
    }

    [Fact]
    public async Task Eth_flags_unlock_the_keystore_named_and_the_account_signs()
    {
        using var dir = new TemporaryDirectory();
        var key = Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        var file = dir.Combine("key.json");
        File.WriteAllText(file, KeystoreV3.Encrypt(key, "pw", new ScryptParameters(1024, 8, 1)));
        File.WriteAllText(dir.Combine("password"), "pw\n");
        var address = new EthereumAccount(key).Address;

        await using var node = await InProcessNode.StartAsync("-ethKeystorePath", file, "-ethPassword", dir.Combine("password"), "-ethAcctAddr", address.ToString());
        var account = node.Services.GetRequiredService<IEthereumAccount>();
        Assert.Equal(address, account.Address);
        var signature = account.SignMessage([1, 2, 3]);
        Assert.Equal(SignatureStatus.Valid, node.Services.GetRequiredService<ISignatureVerifier>().VerifyMessage(address, [1, 2, 3], signature));
    }

    [Fact]
    public void Wrong_password_refuses_to_start_and_leaves_the_file_alone()
    {
        using var dir = new TemporaryDirectory();
        var file = dir.Combine("key.json");
        File.WriteAllText(file, KeystoreV3.Encrypt(new byte[31].Append((byte)7).ToArray(), "right", new ScryptParameters(1024, 8, 1)));
        var before = File.ReadAllBytes(file);

        var e = Assert.Throws<StartupException>(() => NodeApplication.Create(CommandLine.Parse(
            ["-datadir", dir.Combine("data"), "-pluginsDir", dir.Combine("plugins"), "-cliAddr", "127.0.0.1:0", "-httpAddr", "127.0.0.1:0", "-serviceAddr", "127.0.0.1:0",
             "-ethKeystorePath", file, "-ethPassword", "wrong", "-ethAcctAddr", "nonsense"])));
        Assert.Contains(e.Errors, m => m.Contains("could not decrypt key with given password", StringComparison.Ordinal) && m.Contains(file, StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.Contains("-ethAcctAddr: 'nonsense'", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(file));
    }

    [Fact]
    public void A_payment_scheme_other_than_none_needs_an_account_and_eth_flags_ask_for_one()
    {
        static NodeOptions Read(params string[] args)
        {
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection(CommandLine.Parse(args).Settings);
            return NodeOptions.Read(configuration, []);
        }

        Assert.False(Read().NeedsEthereumAccount);
        Assert.True(Read("-paymentScheme", "pm").NeedsEthereumAccount);
        Assert.True(Read("-ethPassword", "x").NeedsEthereumAccount);
        Assert.EndsWith(Path.Combine("offchain", "keystore"), Read().EthKeystorePath, StringComparison.Ordinal);
    }
}
