using Livepeer.Plugins.WebRtc.Sdp;
using Livepeer.Plugins.WebRtc.Transport;

namespace Livepeer.Plugins.WebRtc.Sessions.Stack;

/// <summary>What WHIP and WHEP peers share: the answer, the transport's life and its byte counters.</summary>
internal abstract class TransportPeer(IWebRtcTransport transport, SdpAnswer answer)
{
    protected IWebRtcTransport Transport => transport;

    protected SdpAnswer Answer => answer;

    public string AnswerSdp => answer.Sdp;

    public Task Connected => transport.Connected;

    public Task Closed => transport.Closed;

    public (long Received, long Sent) Bytes
    {
        get
        {
            var stats = transport.Stats;
            return (stats.BytesReceived, stats.BytesSent);
        }
    }
}
