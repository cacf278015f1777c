using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Livepeer.Host.Hosting;

/// <summary>
/// The orchestrator's TLS certificate, made afresh at every start as go-livepeer does (<c>server/cert.go</c>):
/// self-signed ECDSA P-256, CA, key usage CertSign|DigitalSignature, server auth, the service host as
/// DNS (or IP) SAN, valid 8765 h; written to <c>cert.pem</c> and <c>key.pem</c> in the data directory.
/// </summary>
internal static class ServiceCertificate
{
    public static X509Certificate2 Create(string host, string dataDir, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("O=Livepeer", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(host, out var ip))
        {
            san.AddIpAddress(ip);
        }
        else
        {
            san.AddDnsName(host);
        }

        request.CertificateExtensions.Add(san.Build());
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(8765));

        Directory.CreateDirectory(dataDir);
        File.WriteAllText(Path.Combine(dataDir, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dataDir, "key.pem"), key.ExportECPrivateKeyPem());

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
