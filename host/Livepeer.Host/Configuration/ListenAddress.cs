using System.Globalization;
using System.Net;

namespace Livepeer.Host.Configuration;

/// <summary>A <c>host:port</c> address as go-livepeer's flags take them.</summary>
/// <param name="Host">Host name or IP literal (without brackets).</param>
/// <param name="Port">Port; 0 asks the OS for a free one.</param>
internal sealed record ListenAddress(string Host, int Port)
{
    /// <summary>
    /// Parses an address the way go-livepeer's <c>defaultAddr</c> completes one: empty → defaults,
    /// <c>:port</c> → default host, a host without a port → default port.
    /// </summary>
    public static bool TryParse(string? text, string defaultHost, int defaultPort, out ListenAddress address, out string? error)
    {
        address = new ListenAddress(defaultHost, defaultPort);
        error = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                error = $"'{text}' is not a valid address.";
                return false;
            }

            address = new ListenAddress(uri.IdnHost.Trim('[', ']'), uri.IsDefaultPort && !text.EndsWith(":" + uri.Port, StringComparison.Ordinal) ? defaultPort : uri.Port);
            return true;
        }

        string host;
        string? portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}' has an unclosed '['.";
                return false;
            }

            host = text[1..close];
            portText = close + 1 < text.Length && text[close + 1] == ':' ? text[(close + 2)..] : null;
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                host = text; // a bare IPv6 literal
                portText = null;
            }
            else
            {
                host = colon >= 0 ? text[..colon] : text;
                portText = colon >= 0 ? text[(colon + 1)..] : null;
            }
        }

        var port = defaultPort;
        if (portText is not null &&
            (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            error = $"'{text}' has an invalid port.";
            return false;
        }

        address = new ListenAddress(host.Length == 0 ? defaultHost : host, port);
        return true;
    }

    /// <summary>The IP address to bind: the literal, loopback for <c>localhost</c>, any address for other names.</summary>
    public IPAddress BindAddress =>
        IPAddress.TryParse(Host, out var ip) ? ip
        : Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.Any;

    /// <inheritdoc />
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
