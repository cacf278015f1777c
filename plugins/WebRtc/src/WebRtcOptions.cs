using System.Net;
using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Plugins.WebRtc;

/// <summary>Settings from <c>Plugins:WebRtc</c>.</summary>
public sealed record WebRtcOptions
{
    /// <summary>
    /// UDP address for a shared socket (upstream's <c>LIVE_AI_WHIP_ADDR</c>/<c>LIVE_AI_WHEP_ADDR</c>);
    /// null means one socket per session on <see cref="HostAddress"/>.
    /// </summary>
    public IPEndPoint? UdpMuxAddress { get; init; }

    /// <summary>The address bound for per-session sockets, and put in host candidates unless <see cref="CandidateAddresses"/> are set.</summary>
    public IPAddress HostAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// The addresses peers reach this node at (upstream's <c>LIVE_AI_NAT_IP</c>, here several): one host candidate each,
    /// with the session's port, instead of the bound address. Needed when binding a wildcard address.
    /// </summary>
    public IReadOnlyList<IPAddress> CandidateAddresses { get; init; } = [];

    /// <summary>Viewers per stream over WHEP; 0 means unlimited (upstream's default is 5).</summary>
    public int MaxViewersPerStream { get; init; } = 5;

    /// <summary>From a transport's creation to its DTLS keys; past it the transport closes (upstream: ICE failed after 10 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Without a valid ICE check for this long a transport closes (RFC 7675 §5.1 consent freshness: 30 s).</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>WHIP: how long to wait for the first video packet (upstream's <c>LIVE_AI_VIDEO_GATHER_TIMEOUT</c>, 5 s).</summary>
    public TimeSpan VideoGatherTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>WHIP: once video arrived, how long to wait for audio (upstream: 500 ms).</summary>
    public TimeSpan AudioGatherTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>WHEP: how long a POST waits for the stream's output to exist (upstream waits without bound).</summary>
    public TimeSpan WhepOutputTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>ICE servers announced in WHIP/WHEP <c>Link</c> headers (e.g. <c>stun:stun.example.org:3478</c>); none by default.</summary>
    public IReadOnlyList<string> IceServers { get; init; } = [];

    /// <summary>Reads and validates the section; every problem is reported at once.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public static WebRtcOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new SettingsReader(configuration, "Plugins:WebRtc");
        var defaults = new WebRtcOptions();
        var mux = reader.String("UdpMuxAddress", "");
        var host = reader.String("HostAddress", defaults.HostAddress.ToString());
        IPEndPoint? muxEndPoint = null;
        if (mux.Length > 0 && !IPEndPoint.TryParse(mux, out muxEndPoint))
        {
            reader.AddError("UdpMuxAddress", $"must be ip:port (was '{mux}')");
        }

        if (!IPAddress.TryParse(host, out var hostAddress))
        {
            reader.AddError("HostAddress", $"must be an IP address (was '{host}')");
        }

        var candidates = new List<IPAddress>();
        foreach (var text in reader.String("CandidateAddresses", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(text, out var address) && !IsWildcard(address))
            {
                candidates.Add(address);
            }
            else
            {
                reader.AddError("CandidateAddresses", $"must be IP addresses (not 0.0.0.0 or ::) separated by commas (was '{text}')");
            }
        }

        // Without candidate addresses the bound one is announced (a wildcard mux announces HostAddress, as the factory does).
        var announced = muxEndPoint is not null && !IsWildcard(muxEndPoint.Address) ? muxEndPoint.Address : hostAddress;
        if (candidates.Count == 0 && announced is not null && IsWildcard(announced))
        {
            reader.AddError("CandidateAddresses", "must be set when the sockets are bound to a wildcard address (peers cannot reach 0.0.0.0 or ::)");
        }

        var viewers = reader.Int("MaxViewersPerStream", defaults.MaxViewersPerStream, min: 0);
        var connect = reader.Duration("ConnectTimeout", defaults.ConnectTimeout, min: TimeSpan.FromSeconds(1));
        var consent = reader.Duration("ConsentTimeout", defaults.ConsentTimeout, min: TimeSpan.FromSeconds(2));
        var videoGather = reader.Duration("VideoGatherTimeout", defaults.VideoGatherTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        var audioGather = reader.Duration("AudioGatherTimeout", defaults.AudioGatherTimeout, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var whepWait = reader.Duration("WhepOutputTimeout", defaults.WhepOutputTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        var iceServers = reader.String("IceServers", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var server in iceServers)
        {
            if (!(server.StartsWith("stun:", StringComparison.Ordinal) || server.StartsWith("turn:", StringComparison.Ordinal) || server.StartsWith("turns:", StringComparison.Ordinal))
                || server.Any(c => c is '<' or '>' or '"' or ' ' || char.IsControl(c)))
            {
                reader.AddError("IceServers", $"must be stun:/turn:/turns: URLs separated by commas (was '{server}')");
            }
        }

        reader.ThrowIfInvalid();
        return new WebRtcOptions
        {
            UdpMuxAddress = muxEndPoint,
            HostAddress = hostAddress ?? IPAddress.Loopback,
            CandidateAddresses = candidates,
            MaxViewersPerStream = viewers,
            ConnectTimeout = connect,
            ConsentTimeout = consent,
            VideoGatherTimeout = videoGather,
            AudioGatherTimeout = audioGather,
            WhepOutputTimeout = whepWait,
            IceServers = iceServers,
        };
    }

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
