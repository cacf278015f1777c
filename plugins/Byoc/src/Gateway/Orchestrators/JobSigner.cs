using System.Text;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Plugins.Byoc.Gateway.Orchestrators;

/// <summary>
/// Signs what the gateway sends to orchestrators with the node's key (protocols §1.4): the <c>Livepeer</c> job header
/// (personal_sign over keccak256 of the V0 or V1 message) and the <c>Livepeer-Eth-Address</c> token credentials
/// (the same over the EIP-55 address text). Without an account headers go unsigned with the zero address, which only
/// an orchestrator that does not require signatures accepts.
/// </summary>
internal sealed class JobSigner
{
    private readonly IEthereumAccount? _account;
    private readonly JobSignatureFormat _format;

    public JobSigner(IEthereumAccount? account, JobSignatureFormat format)
    {
        _account = account;
        _format = format;
        Sender = (account?.Address ?? EthAddress.Zero).ToChecksumString();
        var sig = account is null ? "" : EthHex.Encode(account.SignHashedMessage(Encoding.UTF8.GetBytes(Sender)));
        TokenCredentials = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["addr"] = Sender, ["sig"] = sig }));
    }

    /// <summary>The address the gateway signs as (EIP-55).</summary>
    public string Sender { get; }

    /// <summary>The <c>Livepeer-Eth-Address</c> value: base64 of <c>{"addr","sig"}</c> (the same on every request).</summary>
    public string TokenCredentials { get; }

    /// <summary>The signed, encoded <c>Livepeer</c> header for a job.</summary>
    public string Sign(string id, string request, string parameters, string capability, int timeoutSeconds)
    {
        var job = new ByocJobHeader(id, request, parameters, capability, Sender, "", timeoutSeconds);
        if (_account is null)
        {
            return job.Encode();
        }

        var message = _format == JobSignatureFormat.V1 ? ByocJobSignature.V1Message(job) : ByocJobSignature.V0Message(job);
        return (job with { Signature = EthHex.Encode(_account.SignHashedMessage(message)) }).Encode();
    }
}
