using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using TlsCertificate = Org.BouncyCastle.Crypto.Tls.Certificate;

namespace Livepeer.Plugins.WebRtc.Dtls;

/// <summary>
/// This node's DTLS identity: an ECDSA P-256 key and a self-signed certificate made at start (RFC 8827 §6.5: WebRTC
/// endpoints use self-signed certificates authenticated by the SDP fingerprint), and its SHA-256 fingerprint.
/// </summary>
public sealed class DtlsCertificate
{
    private DtlsCertificate(TlsCertificate certificate, AsymmetricKeyParameter privateKey, byte[] der)
    {
        Certificate = certificate;
        PrivateKey = privateKey;
        Fingerprint = DtlsFingerprint.Of(der);
    }

    /// <summary>The fingerprint for <c>a=fingerprint</c>.</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>The certificate chain (one self-signed certificate) as BouncyCastle's TLS layer takes it.</summary>
    internal TlsCertificate Certificate { get; }

    /// <summary>The ECDSA private key.</summary>
    internal AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>Makes a new key pair and a certificate valid from a day before <paramref name="time"/>'s now for 30 days.</summary>
    public static DtlsCertificate Generate(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var random = new SecureRandom();
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.X9.X9ObjectIdentifiers.Prime256v1, random));
        var keys = generator.GenerateKeyPair();
        var now = time.GetUtcNow().UtcDateTime;
        var certificateGenerator = new X509V3CertificateGenerator();
        var name = new X509Name("CN=livepeer-webrtc");
        certificateGenerator.SetSerialNumber(BigInteger.ProbablePrime(64, random));
        certificateGenerator.SetIssuerDN(name);
        certificateGenerator.SetSubjectDN(name);
        certificateGenerator.SetNotBefore(now.AddDays(-1));
        certificateGenerator.SetNotAfter(now.AddDays(30));
        certificateGenerator.SetPublicKey(keys.Public);
        var x509 = certificateGenerator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keys.Private, random));
        var der = x509.GetEncoded();
        var chain = new TlsCertificate([X509CertificateStructure.GetInstance(der)]);
        return new DtlsCertificate(chain, keys.Private, der);
    }
}
