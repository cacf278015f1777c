using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Host.Crypto;

/// <summary>
/// Version 3 keystore files as go-ethereum, ethers and other Ethereum clients write them (Web3 Secret
/// Storage): a key derived from the password with scrypt (or PBKDF2-HMAC-SHA256 when reading), the
/// private key encrypted with AES-128-CTR under its first 16 bytes, and a MAC of keccak256(its last 16
/// bytes ‖ ciphertext) that tells a wrong password from a right one.
/// </summary>
internal static class KeystoreV3
{
    private const int DerivedKeyLength = 32;

    /// <summary>The address a keystore file declares (its <c>address</c> field), without decrypting it.</summary>
    /// <exception cref="KeystoreException">The text is not a V3 keystore.</exception>
    public static EthAddress ReadAddress(string json)
    {
        using var document = Parse(json);
        return Address(document.RootElement) ?? throw new KeystoreException("not a V3 keystore: no \"address\" field");
    }

    /// <summary>Decrypts the private key and checks it against the file's address.</summary>
    /// <exception cref="KeystoreException">Not a V3 keystore, or <paramref name="password"/> is wrong.</exception>
    public static byte[] Decrypt(string json, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        using var document = Parse(json);
        var root = document.RootElement;
        var address = Address(root);
        try
        {
            var crypto = root.TryGetProperty("crypto", out var lower) ? lower : root.GetProperty("Crypto");
            var cipher = crypto.GetProperty("cipher").GetString();
            if (cipher != "aes-128-ctr")
            {
                throw new KeystoreException($"cipher '{cipher}' is not supported (only aes-128-ctr)");
            }

            var ciphertext = Hex(crypto, "ciphertext");
            var iv = Hex(crypto.GetProperty("cipherparams"), "iv");
            if (iv.Length != 16)
            {
                throw new KeystoreException("cipherparams.iv must be 16 bytes");
            }

            var derived = DeriveKey(crypto, Encoding.UTF8.GetBytes(password));
            var mac = Hex(crypto, "mac");
            if (!CryptographicOperations.FixedTimeEquals(Mac(derived, ciphertext), mac))
            {
                throw new KeystoreException("could not decrypt key with given password (MAC mismatch)");
            }

            var privateKey = AesCtr(derived.AsSpan(0, 16), iv, ciphertext);
            if (privateKey.Length != 32 || !Secp256k1.Default.IsValidPrivateKey(privateKey))
            {
                throw new KeystoreException("the decrypted key is not a secp256k1 private key");
            }

            var account = new EthereumAccount(privateKey);
            if (address is { } declared && account.Address != declared)
            {
                throw new KeystoreException($"the key belongs to {account.Address.ToChecksumString()}, not to the file's address {declared.ToChecksumString()}");
            }

            return privateKey;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new KeystoreException("not a V3 keystore: " + e.Message, e);
        }
    }

    /// <summary>Encrypts <paramref name="privateKey"/> into V3 JSON with scrypt, as go-ethereum's <c>EncryptKey</c> lays it out.</summary>
    public static string Encrypt(ReadOnlySpan<byte> privateKey, string password, ScryptParameters scrypt)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(scrypt);
        var account = new EthereumAccount(privateKey);
        var salt = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        var derived = Scrypt.DeriveKey(Encoding.UTF8.GetBytes(password), salt, scrypt.N, scrypt.R, scrypt.P, DerivedKeyLength);
        var ciphertext = AesCtr(derived.AsSpan(0, 16), iv, privateKey);
        var mac = Mac(derived, ciphertext);
        CryptographicOperations.ZeroMemory(derived);

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("address", Convert.ToHexStringLower(account.Address.ToArray()));
            writer.WriteStartObject("crypto");
            writer.WriteString("cipher", "aes-128-ctr");
            writer.WriteString("ciphertext", Convert.ToHexStringLower(ciphertext));
            writer.WriteStartObject("cipherparams");
            writer.WriteString("iv", Convert.ToHexStringLower(iv));
            writer.WriteEndObject();
            writer.WriteString("kdf", "scrypt");
            writer.WriteStartObject("kdfparams");
            writer.WriteNumber("dklen", DerivedKeyLength);
            writer.WriteNumber("n", scrypt.N);
            writer.WriteNumber("p", scrypt.P);
            writer.WriteNumber("r", scrypt.R);
            writer.WriteString("salt", Convert.ToHexStringLower(salt));
            writer.WriteEndObject();
            writer.WriteString("mac", Convert.ToHexStringLower(mac));
            writer.WriteEndObject();
            writer.WriteString("id", RandomUuid());
            writer.WriteNumber("version", 3);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 3)
            {
                document.Dispose();
                throw new KeystoreException("not a V3 keystore (no \"version\": 3)");
            }

            return document;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new KeystoreException("not a V3 keystore: invalid JSON (" + e.Message + ")", e);
        }
    }

    private static EthAddress? Address(JsonElement root)
    {
        if (!root.TryGetProperty("address", out var element))
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String && EthAddress.TryParse(element.GetString(), out var address)
            ? address
            : throw new KeystoreException("not a V3 keystore: \"address\" is not a 20-byte hex address");
    }

    private static byte[] DeriveKey(JsonElement crypto, byte[] password)
    {
        var kdf = crypto.GetProperty("kdf").GetString();
        var parameters = crypto.GetProperty("kdfparams");
        var salt = Hex(parameters, "salt");
        var length = parameters.GetProperty("dklen").GetInt32();
        if (length != DerivedKeyLength)
        {
            throw new KeystoreException($"kdfparams.dklen {length} is not {DerivedKeyLength}");
        }

        switch (kdf)
        {
            case "scrypt":
                try
                {
                    return Scrypt.DeriveKey(password, salt, parameters.GetProperty("n").GetInt32(), parameters.GetProperty("r").GetInt32(), parameters.GetProperty("p").GetInt32(), length);
                }
                catch (ArgumentException e)
                {
                    throw new KeystoreException(e.Message, e);
                }

            case "pbkdf2":
                var prf = parameters.GetProperty("prf").GetString();
                var iterations = parameters.GetProperty("c").GetInt32();
                if (prf != "hmac-sha256" || iterations < 1)
                {
                    throw new KeystoreException($"pbkdf2 with prf '{prf}' and c={iterations} is not supported");
                }

                return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, length);
            default:
                throw new KeystoreException($"kdf '{kdf}' is not supported (scrypt or pbkdf2)");
        }
    }

    private static byte[] Mac(byte[] derived, ReadOnlySpan<byte> ciphertext)
    {
        var input = new byte[16 + ciphertext.Length];
        derived.AsSpan(16, 16).CopyTo(input);
        ciphertext.CopyTo(input.AsSpan(16));
        return Keccak256.HashData(input);
    }

    // AES-128-CTR with the IV as a 128-bit big-endian counter: ECB-encrypted counter blocks XORed in.
    private static byte[] AesCtr(ReadOnlySpan<byte> key, byte[] iv, ReadOnlySpan<byte> input)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        var blocks = (input.Length + 15) / 16;
        var counters = new byte[blocks * 16];
        var counter = (byte[])iv.Clone();
        for (var b = 0; b < blocks; b++)
        {
            counter.CopyTo(counters, b * 16);
            for (var i = 15; i >= 0 && ++counter[i] == 0; i--)
            {
            }
        }

        var stream = aes.EncryptEcb(counters, PaddingMode.None);
        var output = new byte[input.Length];
        for (var i = 0; i < output.Length; i++)
        {
            output[i] = (byte)(input[i] ^ stream[i]);
        }

        return output;
    }

    private static byte[] Hex(JsonElement parent, string name) =>
        EthHex.TryDecode(parent.GetProperty(name).GetString(), out var bytes)
            ? bytes
            : throw new KeystoreException($"not a V3 keystore: \"{name}\" is not hex");

    private static string RandomUuid()
    {
        var bytes = RandomNumberGenerator.GetBytes(16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
