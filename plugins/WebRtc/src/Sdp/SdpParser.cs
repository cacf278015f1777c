using System.Globalization;

namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>Line-oriented SDP parser (RFC 8866 §5): <c>&lt;type&gt;=&lt;value&gt;</c>, v= first, then session, then m= sections.</summary>
internal static class SdpParser
{
    public static SdpOffer Parse(string sdp)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        if (sdp.Length > SdpLimits.MaxLength)
        {
            throw new SdpException($"SDP longer than {SdpLimits.MaxLength} characters");
        }

        var lines = sdp.Split('\n');
        var session = new SectionBuilder();
        var media = new List<SectionBuilder>();
        string? sessionId = null;
        var sawVersion = false;
        var current = session;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue; // blank lines (a trailing CRLF) are tolerated
            }

            if (line.Length > SdpLimits.MaxLineLength)
            {
                throw new SdpException($"line {i + 1} longer than {SdpLimits.MaxLineLength} characters");
            }

            if (line.Length < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z')
            {
                throw new SdpException($"line {i + 1} is not '<type>=<value>'");
            }

            var type = line[0];
            var value = line[2..];
            if (!sawVersion)
            {
                if (type != 'v' || value != "0")
                {
                    throw new SdpException("SDP must start with v=0");
                }

                sawVersion = true;
                continue;
            }

            switch (type)
            {
                case 'o':
                    var fields = value.Split(' ');
                    if (fields.Length != 6 || current != session)
                    {
                        throw new SdpException($"line {i + 1}: o= needs 6 fields at session level");
                    }

                    sessionId = fields[1];
                    break;
                case 'm':
                    if (media.Count >= SdpLimits.MaxMediaSections)
                    {
                        throw new SdpException($"more than {SdpLimits.MaxMediaSections} media sections");
                    }

                    current = new SectionBuilder { MLine = ParseMLine(value, i + 1) };
                    media.Add(current);
                    break;
                case 'a':
                    if (current.Attributes.Count >= SdpLimits.MaxAttributes)
                    {
                        throw new SdpException($"more than {SdpLimits.MaxAttributes} attributes in a section");
                    }

                    var colon = value.IndexOf(':', StringComparison.Ordinal);
                    var name = colon < 0 ? value : value[..colon];
                    if (name.Length == 0)
                    {
                        throw new SdpException($"line {i + 1}: empty attribute name");
                    }

                    current.Attributes.Add(new(name, colon < 0 ? null : value[(colon + 1)..]));
                    break;
                default:
                    break; // s=, t=, c=, b=, i=, u=, e=, p=, r=, z=, k=: not needed for WHIP/WHEP
            }
        }

        if (!sawVersion)
        {
            throw new SdpException("empty SDP");
        }

        if (sessionId is null)
        {
            throw new SdpException("SDP has no o= line");
        }

        var bundle = session.Values("group").Select(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length > 0 && f[0] == "BUNDLE")?.Skip(1).ToArray() ?? [];
        return new SdpOffer
        {
            SessionId = sessionId,
            BundleMids = bundle,
            IceUfrag = session.Value("ice-ufrag"),
            IcePwd = session.Value("ice-pwd"),
            Fingerprint = session.Value("fingerprint") is { } f ? SdpFingerprint.Parse(f) : null,
            Setup = session.Value("setup"),
            IceLite = session.Has("ice-lite"),
            Attributes = session.Attributes,
            Media = [.. media.Select(BuildMedia)],
        };
    }

    private static (string Kind, int Port, string Protocol, string[] Formats) ParseMLine(string value, int lineNumber)
    {
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
        {
            throw new SdpException($"line {lineNumber}: m= needs '<media> <port> <proto> <fmt> ...'");
        }

        var portField = fields[1];
        var slash = portField.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            portField = portField[..slash];
        }

        if (!int.TryParse(portField, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new SdpException($"line {lineNumber}: bad m= port");
        }

        if (fields.Length - 3 > SdpLimits.MaxFormats)
        {
            throw new SdpException($"line {lineNumber}: more than {SdpLimits.MaxFormats} formats");
        }

        return (fields[0], port, fields[2], fields[3..]);
    }

    private static SdpMedia BuildMedia(SectionBuilder section)
    {
        var (kind, port, protocol, formats) = section.MLine;
        var isRtp = protocol.Contains("RTP", StringComparison.OrdinalIgnoreCase);
        var codecs = new List<SdpCodec>();
        if (isRtp)
        {
            var rtpmaps = new Dictionary<int, (string Name, int Rate, int Channels)>();
            foreach (var v in section.Values("rtpmap"))
            {
                // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
                var (pt, rest) = SplitPayloadType(v, "rtpmap");
                var parts = rest.Split('/');
                if (parts.Length < 2 || parts[0].Length == 0 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate is 0 or > 10_000_000)
                {
                    throw new SdpException($"a=rtpmap:{pt} needs '<name>/<clock rate>'");
                }

                var channels = 1;
                if (parts.Length > 2 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out channels) || channels is < 1 or > 255))
                {
                    throw new SdpException($"a=rtpmap:{pt} has bad channels");
                }

                rtpmaps.TryAdd(pt, (parts[0], rate, channels));
            }

            var fmtps = new Dictionary<int, string>();
            foreach (var v in section.Values("fmtp"))
            {
                var (pt, rest) = SplitPayloadType(v, "fmtp");
                fmtps.TryAdd(pt, rest);
            }

            var feedback = new List<(string Pt, string Value)>();
            foreach (var v in section.Values("rtcp-fb"))
            {
                var space = v.IndexOf(' ', StringComparison.Ordinal);
                if (space <= 0)
                {
                    throw new SdpException("a=rtcp-fb needs '<pt> <type>'");
                }

                feedback.Add((v[..space], v[(space + 1)..].Trim()));
            }

            foreach (var format in formats)
            {
                if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
                {
                    throw new SdpException($"m={kind} has payload type '{format}' outside 0–127");
                }

                var (name, rate, channels) = rtpmaps.TryGetValue(pt, out var map) ? map : StaticPayloadType(pt);
                codecs.Add(new SdpCodec(pt, name, rate, channels)
                {
                    Fmtp = fmtps.GetValueOrDefault(pt, ""),
                    RtcpFeedback = [.. feedback.Where(f => f.Pt == format || f.Pt == "*").Select(f => f.Value)],
                });
            }
        }

        var extmaps = new List<SdpExtmap>();
        foreach (var v in section.Values("extmap"))
        {
            var space = v.IndexOf(' ', StringComparison.Ordinal);
            var idText = space < 0 ? v : v[..space];
            var slash = idText.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                idText = idText[..slash];
            }

            if (space < 0 || !int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id is < 1 or > 255)
            {
                throw new SdpException("a=extmap needs '<id 1-255> <uri>'");
            }

            extmaps.Add(new SdpExtmap(id, v[(space + 1)..].Split(' ')[0]));
        }

        var ssrcs = new Dictionary<uint, string>();
        foreach (var v in section.Values("ssrc"))
        {
            var space = v.IndexOf(' ', StringComparison.Ordinal);
            var idText = space < 0 ? v : v[..space];
            if (!uint.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var ssrc))
            {
                throw new SdpException("a=ssrc needs a 32-bit source id");
            }

            var cname = space >= 0 && v[(space + 1)..].StartsWith("cname:", StringComparison.Ordinal) ? v[(space + 7)..] : null;
            if (!ssrcs.TryGetValue(ssrc, out var known) || (known.Length == 0 && cname is not null))
            {
                ssrcs[ssrc] = cname ?? known ?? "";
            }
        }

        var direction = SdpDirection.SendRecv;
        foreach (var attribute in section.Attributes)
        {
            direction = attribute.Key switch
            {
                "sendonly" => SdpDirection.SendOnly,
                "recvonly" => SdpDirection.RecvOnly,
                "inactive" => SdpDirection.Inactive,
                "sendrecv" => SdpDirection.SendRecv,
                _ => direction,
            };
        }

        return new SdpMedia
        {
            Kind = kind,
            Port = port,
            Protocol = protocol,
            Formats = formats,
            Mid = section.Value("mid") ?? "",
            Direction = direction,
            RtcpMux = section.Has("rtcp-mux"),
            IceUfrag = section.Value("ice-ufrag"),
            IcePwd = section.Value("ice-pwd"),
            Fingerprint = section.Value("fingerprint") is { } f ? SdpFingerprint.Parse(f) : null,
            Setup = section.Value("setup"),
            Codecs = codecs,
            Extmaps = extmaps,
            Ssrcs = [.. ssrcs.Select(s => new SdpSsrc(s.Key, s.Value))],
            Attributes = section.Attributes,
        };
    }

    private static (int PayloadType, string Value) SplitPayloadType(string value, string attribute)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !int.TryParse(value.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
        {
            throw new SdpException($"a={attribute} needs '<payload type 0-127> <value>'");
        }

        return (pt, value[(space + 1)..].Trim());
    }

    // RFC 3551 Table 4/5 static payload types that WebRTC clients still list.
    private static (string Name, int Rate, int Channels) StaticPayloadType(int pt) => pt switch
    {
        0 => ("PCMU", 8000, 1),
        8 => ("PCMA", 8000, 1),
        9 => ("G722", 8000, 1),
        13 => ("CN", 8000, 1),
        _ => ("", 0, 1),
    };

    private sealed class SectionBuilder
    {
        public (string Kind, int Port, string Protocol, string[] Formats) MLine { get; init; }

        public List<KeyValuePair<string, string?>> Attributes { get; } = [];

        public string? Value(string name) => Attributes.FirstOrDefault(a => a.Key == name && a.Value is not null).Value;

        public IEnumerable<string> Values(string name) => Attributes.Where(a => a.Key == name && a.Value is not null).Select(a => a.Value!);

        public bool Has(string name) => Attributes.Exists(a => a.Key == name);
    }
}
