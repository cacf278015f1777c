using System.Collections;
using Livepeer.Plugins.WebRtc.Dtls;
using Livepeer.Plugins.WebRtc.Srtp;
using Org.BouncyCastle.Crypto.Tls;

namespace Livepeer.Plugins.WebRtc.Tests.Dtls;

/// <summary>
/// A WebRTC-style DTLS client on BouncyCastle's <see cref="DtlsClientProtocol"/>: ECDSA certificate, use_srtp,
/// extended master secret; it records the server's certificate and exports the same SRTP keys.
/// </summary>
internal sealed class TestDtlsClient : DefaultTlsClient
{
    private readonly DtlsCertificate _certificate;
    private readonly int[] _profiles;

    public TestDtlsClient(DtlsCertificate certificate, params SrtpProfile[] profiles)
    {
        _certificate = certificate;
        _profiles = profiles.Length == 0 ? [(int)SrtpProfile.AeadAes128Gcm, (int)SrtpProfile.AesCm128HmacSha1_80] : profiles.Select(p => (int)p).ToArray();
    }

    public DtlsFingerprint? ServerFingerprint { get; private set; }

    public DtlsSrtpKeys? Keys { get; private set; }

    public override ProtocolVersion MinimumVersion => ProtocolVersion.DTLSv10;

    public override ProtocolVersion ClientVersion => ProtocolVersion.DTLSv12;

    public override int[] GetCipherSuites() => [CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA];

    public override IDictionary GetClientExtensions()
    {
        var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        TlsSRTPUtils.AddUseSrtpExtension(extensions, new UseSrtpData(_profiles, []));
        TlsExtensionsUtilities.AddExtendedMasterSecretExtension(extensions);
        return extensions;
    }

    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        var chosen = TlsSRTPUtils.GetUseSrtpExtension(mContext.SecurityParameters is null ? null : ServerExtensions!);
        var profile = (SrtpProfile)chosen.ProtectionProfiles[0];
        Keys = DtlsSrtpKeys.Split(profile, mContext.ExportKeyingMaterial(DtlsSrtpKeys.ExporterLabel, null, DtlsSrtpKeys.MaterialLength(profile)));
    }

    public IDictionary? ServerExtensions { get; private set; }

    public override void ProcessServerExtensions(IDictionary serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        ServerExtensions = serverExtensions;
    }

    private sealed class Authentication(TestDtlsClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(Certificate serverCertificate) =>
            client.ServerFingerprint = DtlsFingerprint.Of(serverCertificate.GetCertificateAt(0).GetEncoded());

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            new DefaultTlsSignerCredentials(client.mContext, client._certificate.Certificate, client._certificate.PrivateKey, new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }
}
