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

    /// <summary>The address put in host candidates and bound for per-session sockets.</summary>
    public IPAddress HostAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Viewers per stream over WHEP; 0 means unlimited (upstream's default is 5).</summary>
    public int MaxViewersPerStream { get; init; } = 5;

    /// <summary>From a transport's creation to its DTLS keys; past it the transport closes (upstream: ICE failed after 10 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Without a valid ICE check for this long a transport closes (RFC 7675 §5.1 consent freshness: 30 s).</summary>
    public TimeSpan ConsentTimeout { get; init; } = TimeSpan.FromSeconds(30);

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

        var viewers = reader.Int("MaxViewersPerStream", defaults.MaxViewersPerStream, min: 0);
        var connect = reader.Duration("ConnectTimeout", defaults.ConnectTimeout, min: TimeSpan.FromSeconds(1));
        var consent = reader.Duration("ConsentTimeout", defaults.ConsentTimeout, min: TimeSpan.FromSeconds(2));
        reader.ThrowIfInvalid();
        return new WebRtcOptions
        {
            UdpMuxAddress = muxEndPoint,
            HostAddress = hostAddress ?? IPAddress.Loopback,
            MaxViewersPerStream = viewers,
            ConnectTimeout = connect,
            ConsentTimeout = consent,
        };
    }
}
