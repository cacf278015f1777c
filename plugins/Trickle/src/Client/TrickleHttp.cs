using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>The HTTP plumbing shared by the trickle clients: the handler, request shapes and URLs.</summary>
public static class TrickleHttp
{
    /// <summary>
    /// A handler for the clients: no overall timeout (pre-connects idle for minutes), many HTTP/2 streams and
    /// extra connections when they run out, certificate checks as <paramref name="options"/> say.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(TrickleClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            MaxConnectionsPerServer = int.MaxValue,
        };
        if (options.PinnedCertificateSha256 is { Length: > 0 } pin)
        {
            var expected = Convert.FromHexString(pin.Replace(":", "", StringComparison.Ordinal));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && CryptographicOperations.FixedTimeEquals(Sha256(certificate), expected);
        }
        else if (options.InsecureSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }

        return handler;
    }

    /// <summary>The SHA-256 hash of a certificate, for <see cref="TrickleClientOptions.PinnedCertificateSha256"/>.</summary>
    public static string Sha256Hex(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexString(Sha256(certificate));
    }

    internal static HttpRequestMessage Request(HttpMethod method, Uri uri, TrickleClientOptions options) => new(method, uri)
    {
        Version = options.HttpVersion,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    internal static Uri SegmentUri(Uri channelUrl, string last) => new(channelUrl.AbsoluteUri.TrimEnd('/') + "/" + last);

    internal static string ChannelName(Uri channelUrl) =>
        Uri.UnescapeDataString(channelUrl.AbsolutePath.TrimEnd('/').Split('/')[^1]);

    private static byte[] Sha256(X509Certificate certificate) => SHA256.HashData(certificate.GetRawCertData());
}
