using Livepeer.Plugins.WebRtc.Srtp;

namespace Livepeer.Plugins.WebRtc.Dtls;

/// <summary>
/// The SRTP master keys a DTLS-SRTP handshake exports (RFC 5764 §4.2): <c>client_write_key | server_write_key |
/// client_write_salt | server_write_salt</c> from the "EXTRACTOR-dtls_srtp" exporter.
/// </summary>
/// <param name="Profile">The negotiated protection profile.</param>
/// <param name="ClientKey">The DTLS client's master key (it protects with it; we unprotect with it).</param>
/// <param name="ClientSalt">The DTLS client's master salt.</param>
/// <param name="ServerKey">The DTLS server's (our) master key.</param>
/// <param name="ServerSalt">The DTLS server's (our) master salt.</param>
public sealed record DtlsSrtpKeys(SrtpProfile Profile, byte[] ClientKey, byte[] ClientSalt, byte[] ServerKey, byte[] ServerSalt)
{
    /// <summary>The exporter label of RFC 5764 §4.2.</summary>
    public const string ExporterLabel = "EXTRACTOR-dtls_srtp";

    /// <summary>Splits exported keying material of 2·(key + salt) bytes.</summary>
    public static DtlsSrtpKeys Split(SrtpProfile profile, ReadOnlySpan<byte> material)
    {
        var key = SrtpProfiles.MasterKeyLength(profile);
        var salt = SrtpProfiles.MasterSaltLength(profile);
        if (material.Length != 2 * (key + salt))
        {
            throw new ArgumentException($"{profile} needs {2 * (key + salt)} bytes of keying material", nameof(material));
        }

        return new DtlsSrtpKeys(
            profile,
            material[..key].ToArray(),
            material.Slice(2 * key, salt).ToArray(),
            material.Slice(key, key).ToArray(),
            material.Slice((2 * key) + salt, salt).ToArray());
    }

    /// <summary>Total exported length for <paramref name="profile"/>.</summary>
    public static int MaterialLength(SrtpProfile profile) => 2 * (SrtpProfiles.MasterKeyLength(profile) + SrtpProfiles.MasterSaltLength(profile));
}
