using System.Globalization;
using System.Net;
using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Plugins.Rtmp;

/// <summary>The plugin's settings, read from <c>Plugins:Rtmp</c> (the host maps <c>-rtmpAddr</c> to <c>Address</c>).</summary>
internal sealed record RtmpOptions
{
    /// <summary>Where the server listens; §0.1: 127.0.0.1:1935 by default. Port 0 asks for a free port.</summary>
    public IPEndPoint Address { get; init; } = new(IPAddress.Loopback, 1935);

    /// <summary>Serve RTMP at all (off: the egress still pushes).</summary>
    public bool Listen { get; init; } = true;

    /// <summary>The largest RTMP message accepted; a larger one closes the connection.</summary>
    public int MaxMessageBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>The chunk size this side sends with (announced by Set Chunk Size).</summary>
    public int ChunkSize { get; init; } = 4096;

    /// <summary>Target segment duration of ingested streams (2 s default, minimum 1 s).</summary>
    public TimeSpan SegmentDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a client may take to finish the handshake and start publishing or playing.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a publisher may stay silent before it is disconnected.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// About how much media one read of a publishing connection carries: the socket's receive low-water mark is set to
    /// this much of the stream's byte rate (at most 64 KiB), so the node wakes once per that much instead of once per
    /// RTMP message; a connection that stays quiet for two intervals is read at once. Zero reads every message as it
    /// arrives. Adds at most this (typically) and three times this (at worst) to ingest latency.
    /// </summary>
    public TimeSpan ReceiveCoalescing { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the auth webhook may take.</summary>
    public TimeSpan AuthWebhookTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest auth webhook response body read.</summary>
    public int AuthWebhookMaxBytes { get; init; } = 64 * 1024;

    /// <summary>Reads and validates the section; every problem is reported at once.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public static RtmpOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var settings = new SettingsReader(section, "Plugins:Rtmp");
        var defaults = new RtmpOptions();
        var address = defaults.Address;
        if (settings.Raw(nameof(Address)) is { } text)
        {
            if (ParseAddress(text) is { } parsed)
            {
                address = parsed;
            }
            else
            {
                settings.AddError(nameof(Address), $"'{text}' is not host:port with an IP address (or localhost) and a port 0..65535");
            }
        }

        var options = new RtmpOptions
        {
            Address = address,
            Listen = settings.Bool(nameof(Listen), defaults.Listen),
            MaxMessageBytes = settings.Int(nameof(MaxMessageBytes), defaults.MaxMessageBytes, 1024, 0xFFFFFF),
            ChunkSize = settings.Int(nameof(ChunkSize), defaults.ChunkSize, 128, 65536),
            SegmentDuration = settings.Duration(nameof(SegmentDuration), defaults.SegmentDuration, min: TimeSpan.FromSeconds(1), max: TimeSpan.FromDays(1)),
            HandshakeTimeout = settings.Duration(nameof(HandshakeTimeout), defaults.HandshakeTimeout, min: TimeSpan.FromMilliseconds(100), max: TimeSpan.FromDays(1)),
            IdleTimeout = settings.Duration(nameof(IdleTimeout), defaults.IdleTimeout, min: TimeSpan.FromMilliseconds(100), max: TimeSpan.FromDays(1)),
            ReceiveCoalescing = settings.Duration(nameof(ReceiveCoalescing), defaults.ReceiveCoalescing, min: TimeSpan.Zero, max: TimeSpan.FromSeconds(1)),
            AuthWebhookTimeout = settings.Duration(nameof(AuthWebhookTimeout), defaults.AuthWebhookTimeout, min: TimeSpan.FromMilliseconds(100), max: TimeSpan.FromDays(1)),
            AuthWebhookMaxBytes = settings.Int(nameof(AuthWebhookMaxBytes), defaults.AuthWebhookMaxBytes, 16, 16 * 1024 * 1024),
        };

        settings.ThrowIfInvalid();
        return options;
    }

    private static IPEndPoint? ParseAddress(string text)
    {
        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text.AsSpan(10), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        return IPEndPoint.TryParse(text, out var endPoint) && text.Contains(':', StringComparison.Ordinal) ? endPoint : null;
    }
}
