using Livepeer.Plugins.WebRtc.Dtls;

namespace Livepeer.Plugins.WebRtc.Tests.Dtls;

/// <summary>Certificates made once per test run (key generation is not what the tests test).</summary>
internal static class DtlsCertificateCache
{
    public static readonly DtlsCertificate Other = DtlsCertificate.Generate(TimeProvider.System);
}
