using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Livepeer.Host.Crypto;

/// <summary>
/// secp256k1 through Debian's <c>libsecp256k1-1</c> (bitcoin-core's library, built with the recovery
/// module). Its default nonce function is RFC 6979 with HMAC-SHA256 and it always signs with low s, so
/// its signatures are byte-identical to go-ethereum's and ethers'.
/// </summary>
internal sealed class NativeSecp256k1 : ISecp256k1
{
    private const string Library = "libsecp256k1.so.1";

    // SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY: accepted by every release (0.2.0 treats all contexts alike).
    private const uint ContextFlags = 0x0301;
    private const uint UncompressedFlag = 0x0002;

    // Opaque struct sizes from secp256k1.h / secp256k1_recovery.h.
    private const int PublicKeyStructSize = 64;
    private const int RecoverableSignatureStructSize = 65;

    private readonly IntPtr _context;

    private NativeSecp256k1(IntPtr context)
    {
        _context = context;
    }

    public string Name => "libsecp256k1";

    /// <summary>The library's context, or null when <c>libsecp256k1.so.1</c> cannot be loaded.</summary>
    public static NativeSecp256k1? TryCreate()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(NativeSecp256k1).Assembly, null, out _))
        {
            return null;
        }

        try
        {
            var context = ContextCreate(ContextFlags);
            if (context == IntPtr.Zero)
            {
                return null;
            }

            // Blinding against timing side channels, as the library's documentation recommends.
            Span<byte> seed = stackalloc byte[32];
            RandomNumberGenerator.Fill(seed);
            _ = ContextRandomize(context, ref MemoryMarshal.GetReference(seed));
            return new NativeSecp256k1(context);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    public bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey) =>
        privateKey.Length == 32 && SeckeyVerify(_context, ref MemoryMarshal.GetReference(privateKey)) == 1;

    public void GetPublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        if (!IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("Not a secp256k1 private key.", nameof(privateKey));
        }

        Span<byte> key = stackalloc byte[PublicKeyStructSize];
        if (PubkeyCreate(_context, ref MemoryMarshal.GetReference(key), ref MemoryMarshal.GetReference(privateKey)) != 1)
        {
            throw new CryptographicException("secp256k1_ec_pubkey_create failed.");
        }

        Serialize(key, publicKey);
    }

    public void Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> digest, Span<byte> signature)
    {
        if (digest.Length != 32 || signature.Length < 65)
        {
            throw new ArgumentException("Sign needs a 32-byte digest and 65 bytes of room.");
        }

        if (!IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("Not a secp256k1 private key.", nameof(privateKey));
        }

        Span<byte> sig = stackalloc byte[RecoverableSignatureStructSize];
        if (SignRecoverable(_context, ref MemoryMarshal.GetReference(sig), ref MemoryMarshal.GetReference(digest), ref MemoryMarshal.GetReference(privateKey), IntPtr.Zero, IntPtr.Zero) != 1)
        {
            throw new CryptographicException("secp256k1_ecdsa_sign_recoverable failed.");
        }

        _ = SerializeCompact(_context, ref MemoryMarshal.GetReference(signature), out var recoveryId, ref MemoryMarshal.GetReference(sig));
        signature[64] = (byte)(27 + recoveryId);
    }

    public bool TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, int recoveryId, Span<byte> publicKey)
    {
        // recid outside 0..3 would hit the library's illegal-argument callback, which aborts the process.
        if (digest.Length != 32 || signature.Length < 64 || recoveryId is < 0 or > 1 || publicKey.Length < 64)
        {
            return false;
        }

        Span<byte> sig = stackalloc byte[RecoverableSignatureStructSize];
        if (ParseCompact(_context, ref MemoryMarshal.GetReference(sig), ref MemoryMarshal.GetReference(signature), recoveryId) != 1)
        {
            return false;
        }

        Span<byte> key = stackalloc byte[PublicKeyStructSize];
        if (Recover(_context, ref MemoryMarshal.GetReference(key), ref MemoryMarshal.GetReference(sig), ref MemoryMarshal.GetReference(digest)) != 1)
        {
            return false;
        }

        Serialize(key, publicKey);
        return true;
    }

    private void Serialize(Span<byte> key, Span<byte> publicKey)
    {
        Span<byte> uncompressed = stackalloc byte[65];
        nuint length = 65;
        _ = PubkeySerialize(_context, ref MemoryMarshal.GetReference(uncompressed), ref length, ref MemoryMarshal.GetReference(key), UncompressedFlag);
        uncompressed[1..].CopyTo(publicKey);
    }

    [DllImport(Library, EntryPoint = "secp256k1_context_create", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern IntPtr ContextCreate(uint flags);

    [DllImport(Library, EntryPoint = "secp256k1_context_randomize", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int ContextRandomize(IntPtr context, ref byte seed32);

    [DllImport(Library, EntryPoint = "secp256k1_ec_seckey_verify", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int SeckeyVerify(IntPtr context, ref byte seckey);

    [DllImport(Library, EntryPoint = "secp256k1_ec_pubkey_create", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int PubkeyCreate(IntPtr context, ref byte pubkey, ref byte seckey);

    [DllImport(Library, EntryPoint = "secp256k1_ec_pubkey_serialize", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int PubkeySerialize(IntPtr context, ref byte output, ref nuint outputLength, ref byte pubkey, uint flags);

    [DllImport(Library, EntryPoint = "secp256k1_ecdsa_sign_recoverable", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int SignRecoverable(IntPtr context, ref byte signature, ref byte digest32, ref byte seckey, IntPtr nonceFunction, IntPtr nonceData);

    [DllImport(Library, EntryPoint = "secp256k1_ecdsa_recoverable_signature_serialize_compact", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int SerializeCompact(IntPtr context, ref byte output64, out int recoveryId, ref byte signature);

    [DllImport(Library, EntryPoint = "secp256k1_ecdsa_recoverable_signature_parse_compact", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int ParseCompact(IntPtr context, ref byte signature, ref byte input64, int recoveryId);

    [DllImport(Library, EntryPoint = "secp256k1_ecdsa_recover", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int Recover(IntPtr context, ref byte pubkey, ref byte signature, ref byte digest32);
}
