using System.Globalization;
using System.Net;
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

    /// <summary>How long the auth webhook may take.</summary>
    public TimeSpan AuthWebhookTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest auth webhook response body read.</summary>
    public int AuthWebhookMaxBytes { get; init; } = 64 * 1024;

    /// <summary>Reads and validates the section; every problem is reported at once.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public static RtmpOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var errors = new List<string>();
        var defaults = new RtmpOptions();
        var address = defaults.Address;
        if (section[nameof(Address)] is { Length: > 0 } text)
        {
            address = ParseAddress(text) ?? defaults.Address;
            if (ParseAddress(text) is null)
            {
                errors.Add($"Plugins:Rtmp:Address '{text}' is not host:port with an IP address (or localhost) and a port 0..65535.");
            }
        }

        var options = new RtmpOptions
        {
            Address = address,
            Listen = section[nameof(Listen)] is not { Length: > 0 } listen || !bool.TryParse(listen, out var l) || l,
            MaxMessageBytes = (int)ReadLong(section, nameof(MaxMessageBytes), defaults.MaxMessageBytes, 1024, 0xFFFFFF, errors),
            ChunkSize = (int)ReadLong(section, nameof(ChunkSize), defaults.ChunkSize, 128, 65536, errors),
            SegmentDuration = ReadSeconds(section, nameof(SegmentDuration), defaults.SegmentDuration, 1, errors),
            HandshakeTimeout = ReadSeconds(section, nameof(HandshakeTimeout), defaults.HandshakeTimeout, 0.1, errors),
            IdleTimeout = ReadSeconds(section, nameof(IdleTimeout), defaults.IdleTimeout, 0.1, errors),
            AuthWebhookTimeout = ReadSeconds(section, nameof(AuthWebhookTimeout), defaults.AuthWebhookTimeout, 0.1, errors),
            AuthWebhookMaxBytes = (int)ReadLong(section, nameof(AuthWebhookMaxBytes), defaults.AuthWebhookMaxBytes, 16, 16 * 1024 * 1024, errors),
        };

        return errors.Count > 0 ? throw new InvalidOperationException(string.Join(" ", errors)) : options;
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

    private static long ReadLong(IConfiguration section, string key, long fallback, long min, long max, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"Plugins:Rtmp:{key} '{text}' is not a whole number from {min} to {max}.");
        return fallback;
    }

    private static TimeSpan ReadSeconds(IConfiguration section, string key, TimeSpan fallback, double min, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds >= min && seconds < 86_400)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span.TotalSeconds >= min)
        {
            return span;
        }

        errors.Add($"Plugins:Rtmp:{key} '{text}' is not a duration of at least {min} s (seconds or hh:mm:ss).");
        return fallback;
    }
}
