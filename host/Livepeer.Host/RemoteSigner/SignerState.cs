using System.Buffers;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Host.RemoteSigner;

/// <summary>
/// What the signer remembers about one payment session between calls, kept by the client as the opaque
/// <c>state</c> (<c>{"State": base64, "Sig": base64}</c>, as go-livepeer shapes it) so the signer stays
/// stateless. The blob is compact JSON, signed with the node key (personal_sign over its keccak256), and a
/// blob the node did not sign is refused.
/// </summary>
/// <param name="ManifestId">The session's manifest id.</param>
/// <param name="Type">The job type the session pays for (<c>byoc</c>, <c>lv2v</c>, or empty).</param>
/// <param name="PaidUntilMs">Unix milliseconds up to which work has been paid for.</param>
internal sealed record SignerState(string ManifestId, string Type, long PaidUntilMs)
{
    /// <summary>The largest blob accepted back.</summary>
    public const int MaxLength = 4096;

    public (byte[] Blob, byte[] Signature) Seal(IEthereumAccount account)
    {
        var output = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("m", ManifestId);
            writer.WriteString("t", Type);
            writer.WriteNumber("p", PaidUntilMs);
            writer.WriteEndObject();
        }

        var blob = output.WrittenSpan.ToArray();
        return (blob, account.SignHashedMessage(blob));
    }

    /// <summary>Reads a <c>state</c> object back; <c>null</c> when absent.</summary>
    /// <exception cref="SignerRequestException">Malformed, oversized, or not signed by <paramref name="signer"/>.</exception>
    public static SignerState? Open(JsonElement? state, EthAddress signer, ISignatureVerifier verifier)
    {
        if (state is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new SignerRequestException("state must be an object");
        }

        var blob = JsonFields.Base64(value, "State");
        var signature = JsonFields.Base64(value, "Sig");
        if (blob is null || signature is null)
        {
            // go-livepeer's first reply may carry an empty state; treat it as none.
            return blob is null && signature is null ? null : throw new SignerRequestException("state needs both State and Sig");
        }

        if (blob.Length > MaxLength)
        {
            throw new SignerRequestException("state is too large");
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.HashData(blob, hash);
        if (verifier.VerifyMessage(signer, hash, signature) != SignatureStatus.Valid)
        {
            throw new SignerRequestException("state was not signed by this signer");
        }

        try
        {
            using var document = JsonDocument.Parse(blob);
            var root = document.RootElement;
            return new SignerState(
                JsonFields.String(root, "m") ?? "",
                JsonFields.String(root, "t") ?? "",
                JsonFields.Integer(root, "p", 0, long.MaxValue) ?? 0);
        }
        catch (JsonException e)
        {
            throw new SignerRequestException("state is not valid", e);
        }
    }
}
