namespace Livepeer.Abstractions.Crypto;

/// <summary>The outcome of checking a 65-byte Ethereum signature (go-livepeer <c>crypto.VerifySig</c>'s rules).</summary>
public enum SignatureStatus
{
    /// <summary>The signature is well formed and was made by the expected (or recovered) address.</summary>
    Valid,

    /// <summary>The signature is not 65 bytes (r ‖ s ‖ v).</summary>
    WrongLength,

    /// <summary>s is above secp256k1's n/2 ("signature s value too high").</summary>
    HighS,

    /// <summary>v is not 27 or 28 ("signature v value must be 27 or 28").</summary>
    InvalidV,

    /// <summary>r or s is zero or not below n, or no public key recovers from it.</summary>
    Unrecoverable,

    /// <summary>A key recovers, but its address is not the expected signer.</summary>
    WrongSigner,
}
