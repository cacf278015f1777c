using System.Diagnostics.CodeAnalysis;
using Livepeer.Plugins.WebRtc.Dtls;
using Livepeer.Plugins.WebRtc.Sdp;

namespace Livepeer.Plugins.WebRtc.Sessions.Stack;

/// <summary>The transport's <see cref="DtlsFingerprint"/> as the SDP layer's <see cref="SdpFingerprint"/> (same value, two types).</summary>
internal static class SdpFingerprintText
{
    public static bool TryConvert(DtlsFingerprint dtls, [NotNullWhen(true)] out SdpFingerprint? sdp)
    {
        sdp = new SdpFingerprint(dtls.Algorithm, dtls.Value.ToArray());
        return true;
    }
}
