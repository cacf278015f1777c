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
        reader.ThrowIfInvalid();
        return new WebRtcOptions { UdpMuxAddress = muxEndPoint, HostAddress = hostAddress ?? IPAddress.Loopback, MaxViewersPerStream = viewers };
    }
}
