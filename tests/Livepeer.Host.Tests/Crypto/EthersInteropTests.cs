using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Crypto;
using Livepeer.Testing;

namespace Livepeer.Host.Tests.Crypto;

/// <summary>
/// Byte-identical results against ethers v6 (npm, tests/interop/ethers; test.sh runs <c>npm ci</c> there):
/// addresses, keccak, EIP-191 digests, personal_sign and raw digest signatures on a table of keys and
/// messages, ethers' verifyMessage on this project's signatures, and keystores written by each side.
/// </summary>
public sealed class EthersInteropTests
{
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "tests", "interop", "ethers", "vectors.mjs");

    private static readonly string[] Keys =
    [
        "0000000000000000000000000000000000000000000000000000000000000001",
        "0000000000000000000000000000000000000000000000000000000000000002",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", // n − 1
        "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d",
        "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
        .. Enumerable.Range(0, 5).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))),
    ];

    // Lengths around the 136-byte keccak rate and the decimal-length boundaries of the EIP-191 prefix.
    private static readonly byte[][] Messages =
    [
        [],
        Encoding.UTF8.GetBytes("hello"),
        Encoding.UTF8.GetBytes("0x3BadDb1eeE2105893136A3F96c8a963E9C6309d6"),
        Convert.FromHexString("b7da355477356fc4c47fcabcf232dc77a6db9b07b7e48b76261cc55cc8fbabb3"),
        .. new[] { 9, 10, 31, 32, 33, 99, 100, 135, 136, 137, 271, 272, 273, 1000 }.Select(RandomNumberGenerator.GetBytes),
    ];

    internal static JsonNode RunEthers(JsonObject request)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Script);
        using var process = Process.Start(info)!;
        process.StandardInput.Write(request.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.True(process.ExitCode == 0, "node " + Script + " failed (run ./test.sh, which runs npm ci there): " + stderr.Result);
        return JsonNode.Parse(stdout.Result)!;
    }

    private static JsonArray Hex(IEnumerable<byte[]> values) => [.. values.Select(v => (JsonNode)("0x" + Convert.ToHexStringLower(v)))];

    [Fact]
    public void Addresses_hashes_and_signatures_are_byte_identical_to_ethers()
    {
        var accounts = Keys.Select(k => new EthereumAccount(Convert.FromHexString(k))).ToList();
        var result = RunEthers(new JsonObject { ["keys"] = Hex(Keys.Select(Convert.FromHexString)), ["messages"] = Hex(Messages) });

        for (var k = 0; k < accounts.Count; k++)
        {
            Assert.Equal((string)result["keys"]![k]!["address"]!, accounts[k].Address.ToChecksumString());
        }

        for (var m = 0; m < Messages.Length; m++)
        {
            Assert.Equal((string)result["messages"]![m]!["keccak"]!, EthHex.Encode(Keccak256.HashData(Messages[m])));
            Assert.Equal((string)result["messages"]![m]!["hashMessage"]!, EthHex.Encode(PersonalMessage.HashData(Messages[m])));
        }

        foreach (var curve in new[] { "native", "managed" })
        {
            for (var k = 0; k < accounts.Count; k++)
            {
                var account = new EthereumAccount(Convert.FromHexString(Keys[k]), Curves.Get(curve));
                for (var m = 0; m < Messages.Length; m++)
                {
                    Assert.Equal((string)result["signatures"]![k]![m]!, EthHex.Encode(account.SignMessage(Messages[m])));
                    var digestSignature = new byte[65];
                    account.SignDigest(Keccak256.HashData(Messages[m]), digestSignature);
                    Assert.Equal((string)result["digestSignatures"]![k]![m]!, EthHex.Encode(digestSignature));
                }
            }
        }
    }

    [Fact]
    public void Ethers_verifies_this_projects_signatures_and_the_verifier_accepts_ethers()
    {
        var verifier = new Secp256k1SignatureVerifier();
        var accounts = Keys.Select(k => new EthereumAccount(Convert.FromHexString(k))).ToList();
        var verify = new JsonArray();
        var expected = new List<EthAddress>();
        foreach (var account in accounts)
        {
            foreach (var message in Messages.Take(6))
            {
                verify.Add(new JsonObject { ["message"] = EthHex.Encode(message), ["signature"] = EthHex.Encode(account.SignMessage(message)) });
                expected.Add(account.Address);
            }
        }

        var result = RunEthers(new JsonObject { ["verify"] = verify, ["keys"] = Hex(Keys.Take(2).Select(Convert.FromHexString)), ["messages"] = Hex(Messages.Take(4)) });
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].ToChecksumString(), (string)result["verify"]![i]!);
        }

        for (var k = 0; k < 2; k++)
        {
            for (var m = 0; m < 4; m++)
            {
                var signature = EthHex.Decode((string)result["signatures"]![k]![m]!);
                Assert.Equal(SignatureStatus.Valid, verifier.VerifyMessage(accounts[k].Address, Messages[m], signature));
            }
        }
    }

    [Fact]
    public void Keystores_written_by_either_side_open_on_the_other()
    {
        var key = Convert.FromHexString(Keys[3]);
        var ours = KeystoreV3.Encrypt(key, "pässword", new ScryptParameters(1024, 8, 1));
        var result = RunEthers(new JsonObject
        {
            ["keystores"] = new JsonArray(new JsonObject { ["json"] = ours, ["password"] = "pässword" }, new JsonObject { ["json"] = ours, ["password"] = "wrong" }),
            ["encrypt"] = new JsonArray(new JsonObject { ["key"] = "0x" + Keys[3], ["password"] = "pässword", ["n"] = 1024 }),
        });

        Assert.Equal("0x" + Keys[3], (string)result["keystores"]![0]!["privateKey"]!);
        Assert.Equal(new EthereumAccount(key).Address.ToChecksumString(), (string)result["keystores"]![0]!["address"]!);
        Assert.NotNull(result["keystores"]![1]!["error"]);

        var theirs = (string)result["encrypted"]![0]!;
        Assert.Equal(key, KeystoreV3.Decrypt(theirs, "pässword"));
        Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt(theirs, "wrong"));
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(theirs).RootElement.GetProperty("Crypto").ValueKind);
    }
}
