namespace Livepeer.Plugins.WebRtc.Srtp;

/// <summary>The session keys of one stream kind (SRTP or SRTCP) in one direction (RFC 3711 §4.3).</summary>
/// <param name="EncryptionKey">k_e: 16 bytes.</param>
/// <param name="AuthenticationKey">k_a: 20 bytes for HMAC-SHA1; empty for GCM (RFC 7714 §11 derives none).</param>
/// <param name="Salt">k_s: 14 bytes (AES-CM) or 12 bytes (GCM).</param>
internal sealed record SrtpSessionKeys(byte[] EncryptionKey, byte[] AuthenticationKey, byte[] Salt)
{
    /// <summary>Derives the SRTP (<paramref name="rtcp"/> false) or SRTCP session keys from a master key and salt.</summary>
    public static SrtpSessionKeys Derive(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, bool rtcp)
    {
        var gcm = profile == SrtpProfile.AeadAes128Gcm;
        var labels = rtcp
            ? (SrtpKeyDerivation.RtcpEncryption, SrtpKeyDerivation.RtcpAuthentication, SrtpKeyDerivation.RtcpSalt)
            : (SrtpKeyDerivation.RtpEncryption, SrtpKeyDerivation.RtpAuthentication, SrtpKeyDerivation.RtpSalt);
        return new SrtpSessionKeys(
            SrtpKeyDerivation.Derive(masterKey, masterSalt, labels.Item1, 16),
            gcm ? [] : SrtpKeyDerivation.Derive(masterKey, masterSalt, labels.Item2, 20),
            SrtpKeyDerivation.Derive(masterKey, masterSalt, labels.Item3, gcm ? 12 : 14));
    }
}
