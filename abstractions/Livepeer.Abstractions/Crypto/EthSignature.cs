namespace Livepeer.Abstractions.Crypto;

/// <summary>
/// The 65-byte <c>r ‖ s ‖ v</c> signature format go-livepeer exchanges (v = 27 + recovery id), and the
/// format rules its <c>crypto.VerifySig</c> applies before recovering a key.
/// </summary>
public static class EthSignature
{
    /// <summary>Length of a signature in bytes.</summary>
    public const int Length = 65;

    // secp256k1's group order n, halved (n >> 1), big-endian: the largest s VerifySig accepts.
    private static ReadOnlySpan<byte> HalfOrder =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    /// <summary>
    /// Checks length, v ∈ {27, 28} and low s, in go-livepeer's order: length, then s, then v.
    /// <see cref="SignatureStatus.Valid"/> means "well formed", not "verified".
    /// </summary>
    public static SignatureStatus CheckFormat(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Length)
        {
            return SignatureStatus.WrongLength;
        }

        if (signature.Slice(32, 32).SequenceCompareTo(HalfOrder) > 0)
        {
            return SignatureStatus.HighS;
        }

        return signature[64] is 27 or 28 ? SignatureStatus.Valid : SignatureStatus.InvalidV;
    }

    /// <summary>go-livepeer's error text for a status (empty for <see cref="SignatureStatus.Valid"/>).</summary>
    public static string Describe(SignatureStatus status) => status switch
    {
        SignatureStatus.Valid => "",
        SignatureStatus.WrongLength => "signature must be 65 bytes",
        SignatureStatus.HighS => "signature s value too high",
        SignatureStatus.InvalidV => "signature v value must be 27 or 28",
        SignatureStatus.Unrecoverable => "invalid signature",
        SignatureStatus.WrongSigner => "signature does not match the address",
        _ => status.ToString(),
    };
}
