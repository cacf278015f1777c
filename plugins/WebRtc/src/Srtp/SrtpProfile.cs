namespace Livepeer.Plugins.WebRtc.Srtp;

/// <summary>The SRTP protection profiles this stack speaks; values are the DTLS-SRTP registry's (RFC 5764 §4.1.2, RFC 7714 §14.2).</summary>
public enum SrtpProfile
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode, HMAC-SHA1 tag cut to 80 bits (RFC 3711 §4.1.1, §4.2.1).</summary>
    AesCm128HmacSha1_80 = 0x0001,

    /// <summary>SRTP_AEAD_AES_128_GCM: AES-128-GCM with a 16-byte tag (RFC 7714).</summary>
    AeadAes128Gcm = 0x0007,
}

/// <summary>Key and salt sizes per profile (RFC 5764 §4.1.2, RFC 7714 §12).</summary>
public static class SrtpProfiles
{
    /// <summary>Master key length: 16 bytes for both profiles.</summary>
    public static int MasterKeyLength(SrtpProfile profile) => 16;

    /// <summary>Master salt length: 14 bytes (AES-CM) or 12 bytes (GCM).</summary>
    public static int MasterSaltLength(SrtpProfile profile) => profile == SrtpProfile.AeadAes128Gcm ? 12 : 14;

    /// <summary>True for the two supported profiles.</summary>
    public static bool IsSupported(int value) => value is (int)SrtpProfile.AesCm128HmacSha1_80 or (int)SrtpProfile.AeadAes128Gcm;
}
