using System.Text;
using Google.Protobuf;
using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Crypto;
using Livepeer.Host.Gateway;
using Livepeer.Host.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Protocol;

/// <summary>OrchestratorRequest.sig (§3.4): personal_sign over keccak256 of the gateway's EIP-55 address string.</summary>
public sealed class OrchestratorRequestSignatureTests
{
    private static readonly EthereumAccount Gateway = new(Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
    private static readonly Secp256k1SignatureVerifier Verifier = new();

    private static Net.OrchestratorRequest Request(byte[] signature) => new()
    {
        Address = ByteString.CopyFrom(Gateway.Address.ToArray()),
        Sig = ByteString.CopyFrom(signature),
    };

    [Fact]
    public void Only_a_signature_of_the_checksummed_address_by_its_owner_passes()
    {
        var good = Gateway.SignHashedMessage(Encoding.ASCII.GetBytes(Gateway.Address.ToChecksumString()));
        Assert.True(OrchestratorRpcService.IsSignedBySender(Request(good), Gateway.Address, Verifier));

        var lowercase = Gateway.SignHashedMessage(Encoding.ASCII.GetBytes(Gateway.Address.ToString()));
        Assert.False(OrchestratorRpcService.IsSignedBySender(Request(lowercase), Gateway.Address, Verifier));

        var unhashed = Gateway.SignMessage(Encoding.ASCII.GetBytes(Gateway.Address.ToChecksumString()));
        Assert.False(OrchestratorRpcService.IsSignedBySender(Request(unhashed), Gateway.Address, Verifier));

        var other = new EthereumAccount(Convert.FromHexString("1111111111111111111111111111111111111111111111111111111111111111"));
        var forged = other.SignHashedMessage(Encoding.ASCII.GetBytes(Gateway.Address.ToChecksumString()));
        Assert.False(OrchestratorRpcService.IsSignedBySender(Request(forged), Gateway.Address, Verifier));

        Assert.False(OrchestratorRpcService.IsSignedBySender(Request([]), Gateway.Address, Verifier));
        Assert.False(OrchestratorRpcService.IsSignedBySender(Request(new byte[65]), Gateway.Address, Verifier));
        Assert.False(OrchestratorRpcService.IsSignedBySender(new Net.OrchestratorRequest { Sig = ByteString.CopyFrom(good) }, default, Verifier));
    }

    [Fact]
    public async Task A_gateway_with_keys_signs_its_requests()
    {
        await using var node = await InProcessNode.StartAsync("-gateway", "-ethPassword", "pw");
        var pool = node.Services.GetRequiredService<OrchestratorPool>();
        var account = node.Services.GetRequiredService<IEthereumAccount>();
        Assert.Equal(account.Address, pool.Sender);
        Assert.True(OrchestratorRpcService.IsSignedBySender(
            new Net.OrchestratorRequest { Address = ByteString.CopyFrom(pool.Sender.ToArray()), Sig = ByteString.CopyFrom(pool.Signature.Span) },
            pool.Sender,
            Verifier));
    }
}
