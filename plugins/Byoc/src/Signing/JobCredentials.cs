using System.Text;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Plugins.Byoc.Signing;

/// <summary>
/// Checks who signed a job (go-livepeer <c>verifyJobCreds</c>, plus V1 from go-livepeer #3980). A signature
/// is accepted when it recovers to the header's <c>sender</c> over the V1 message (the Python SDK's signer)
/// or the V0 message (go-livepeer master gateways), each either hashed first (go-livepeer's
/// <c>Sign(keccak256(msg))</c>) or personal-signed as is.
/// </summary>
internal sealed class JobCredentials(ISignatureVerifier? verifier, bool requireSignature)
{
    /// <summary>Upstream's answer to any credential problem (400).</summary>
    public const string CouldNotVerify = "Could not verify job creds";

    /// <summary>The verified sender; <see cref="EthAddress.Zero"/> for an unsigned job when signatures are not required.</summary>
    /// <exception cref="JobCredentialsException">Missing or bad signature, or a sender that did not sign.</exception>
    public EthAddress Verify(ByocJobHeader job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var hasSender = EthAddress.TryParse(job.Sender, out var sender);
        if (!requireSignature)
        {
            return hasSender ? sender : EthAddress.Zero;
        }

        if (!hasSender)
        {
            throw new JobCredentialsException("the sender is not an address");
        }

        var sigText = job.Signature.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? job.Signature[2..] : job.Signature;
        if (sigText.Length != EthSignature.Length * 2 || !EthHex.TryDecode(sigText, out var signature))
        {
            throw new JobCredentialsException("the signature is not 65 bytes of hex");
        }

        if (verifier is null)
        {
            throw new JobCredentialsException("no signature verifier is registered");
        }

        foreach (var message in Messages(job))
        {
            if (verifier.VerifyMessage(sender, Keccak256.HashData(message), signature) == SignatureStatus.Valid
                || verifier.VerifyMessage(sender, message, signature) == SignatureStatus.Valid)
            {
                return sender;
            }
        }

        throw new JobCredentialsException("the signature does not match the sender");
    }

    /// <summary>
    /// The token request's credentials (<c>Livepeer-Eth-Address</c>: base64 of <c>{"addr","sig"}</c>, the
    /// signature over the address text as sent, go-livepeer <c>verifyTokenCreds</c>).
    /// </summary>
    /// <exception cref="JobCredentialsException">Malformed, or not signed by that address.</exception>
    public EthAddress VerifyTokenSender(string addr, string sig)
    {
        if (!EthAddress.TryParse(addr, out var sender))
        {
            throw new JobCredentialsException("the address is not an address");
        }

        if (!requireSignature)
        {
            return sender;
        }

        var sigText = sig.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? sig[2..] : sig;
        if (sigText.Length != EthSignature.Length * 2 || !EthHex.TryDecode(sigText, out var signature) || verifier is null)
        {
            throw new JobCredentialsException("the signature is not 65 bytes of hex");
        }

        var message = Encoding.UTF8.GetBytes(addr);
        return verifier.VerifyMessage(sender, Keccak256.HashData(message), signature) == SignatureStatus.Valid
            || verifier.VerifyMessage(sender, message, signature) == SignatureStatus.Valid
            ? sender
            : throw new JobCredentialsException("the signature does not match the address");
    }

    private static IEnumerable<byte[]> Messages(ByocJobHeader job)
    {
        yield return ByocJobSignature.V1Message(job);
        yield return ByocJobSignature.V0Message(job);
    }
}

/// <summary>A job's credentials were refused.</summary>
internal sealed class JobCredentialsException : Exception
{
    public JobCredentialsException(string message)
        : base(message)
    {
    }

    public JobCredentialsException()
    {
    }

    public JobCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
