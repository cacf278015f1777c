using System.Collections;
using Livepeer.Plugins.WebRtc.Srtp;
using Org.BouncyCastle.Crypto.Tls;

namespace Livepeer.Plugins.WebRtc.Dtls;

/// <summary>
/// BouncyCastle's DTLS server with what WebRTC needs and its defaults lack (the traps in platform-findings.md):
/// ECDHE_ECDSA suites first with our ECDSA credentials; use_srtp (RFC 5764 §4.1) choosing AEAD_AES_128_GCM, else
/// AES128_CM_HMAC_SHA1_80; a required client certificate compared with the offer's fingerprint (RFC 8122 §5,
/// RFC 8827 §6.5); SRTP keys exported inside <see cref="NotifyHandshakeComplete"/> (after it returns the master
/// secret is gone); and no rejection of peers without renegotiation_info.
/// </summary>
internal sealed class DtlsSrtpServer : DefaultTlsServer
{
    private static readonly int[] Suites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, // 0xC02B
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, // 0xC02C
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, // 0xC023
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, // 0xC009
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, // 0xC00A
    ];

    private static readonly int[] ProfilePreference = [(int)SrtpProfile.AeadAes128Gcm, (int)SrtpProfile.AesCm128HmacSha1_80];

    private readonly DtlsCertificate _certificate;
    private readonly DtlsFingerprint _expectedPeer;
    private SrtpProfile? _profile;

    public DtlsSrtpServer(DtlsCertificate certificate, DtlsFingerprint expectedPeer)
    {
        _certificate = certificate;
        _expectedPeer = expectedPeer;
    }

    /// <summary>The exported keys once the handshake completed.</summary>
    public DtlsSrtpKeys? Keys { get; private set; }

    /// <summary>Why the peer was refused, when it was.</summary>
    public string? Failure { get; private set; }

    protected override ProtocolVersion MinimumVersion => ProtocolVersion.DTLSv10;

    protected override ProtocolVersion MaximumVersion => ProtocolVersion.DTLSv12;

    protected override int[] GetCipherSuites() => Suites;

    public override CertificateRequest GetCertificateRequest()
    {
        var algorithms = new ArrayList
        {
            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
            new SignatureAndHashAlgorithm(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa),
            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa),
            new SignatureAndHashAlgorithm(HashAlgorithm.sha1, SignatureAlgorithm.ecdsa),
            new SignatureAndHashAlgorithm(HashAlgorithm.sha1, SignatureAlgorithm.rsa),
        };
        return new CertificateRequest([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], algorithms, null);
    }

    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        // RFC 8827 §6.5: the certificate is authenticated only by the fingerprint the offer carried.
        if (clientCertificate is null || clientCertificate.IsEmpty)
        {
            Failure = "the DTLS client sent no certificate";
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }

        if (!_expectedPeer.Matches(clientCertificate.GetCertificateAt(0).GetEncoded()))
        {
            Failure = "the DTLS client's certificate does not match the offer's fingerprint";
            throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }
    }

    public override void ProcessClientExtensions(IDictionary clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        var offered = clientExtensions is null ? null : TlsSRTPUtils.GetUseSrtpExtension(clientExtensions);
        foreach (var profile in ProfilePreference)
        {
            if (offered is not null && Array.IndexOf(offered.ProtectionProfiles, profile) >= 0)
            {
                _profile = (SrtpProfile)profile;
                return;
            }
        }

        Failure = "the DTLS client offered no supported SRTP profile (use_srtp)";
        throw new TlsFatalAlert(AlertDescription.handshake_failure);
    }

    public override IDictionary GetServerExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        TlsSRTPUtils.AddUseSrtpExtension(extensions, new UseSrtpData([(int)_profile!.Value], []));
        return extensions;
    }

    protected override TlsSignerCredentials GetECDsaSignerCredentials() =>
        new DefaultTlsSignerCredentials(mContext, _certificate.Certificate, _certificate.PrivateKey, new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));

    public override void NotifySecureRenegotiation(bool secureRenegotiation)
    {
        // Peers without renegotiation_info are fine: this server never renegotiates.
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        var profile = _profile!.Value;
        Keys = DtlsSrtpKeys.Split(profile, mContext.ExportKeyingMaterial(DtlsSrtpKeys.ExporterLabel, null, DtlsSrtpKeys.MaterialLength(profile)));
    }
}
