namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>One payload format of an m= line with its a=rtpmap, a=fmtp and a=rtcp-fb (RFC 8866 §6.6, RFC 4585 §4.2).</summary>
/// <param name="PayloadType">The RTP payload type (0–127).</param>
/// <param name="Name">Encoding name as written (e.g. <c>H264</c>, <c>opus</c>); empty when there is no rtpmap.</param>
/// <param name="ClockRate">RTP clock rate (0 when there is no rtpmap).</param>
/// <param name="Channels">Channel count for audio (1 when not given).</param>
public sealed record SdpCodec(int PayloadType, string Name, int ClockRate, int Channels)
{
    /// <summary>The a=fmtp value (empty when none).</summary>
    public string Fmtp { get; init; } = "";

    /// <summary>The a=rtcp-fb values for this payload type (and for '*').</summary>
    public IReadOnlyList<string> RtcpFeedback { get; init; } = [];

    /// <summary>The fmtp parameters as a case-insensitive map (<c>key=value;key=value</c>).</summary>
    public IReadOnlyDictionary<string, string> FmtpParameters => ParseFmtp(Fmtp);

    /// <summary>Whether the encoding name is <paramref name="name"/> (case-insensitive, RFC 4855 §3).</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether an rtcp-fb value (e.g. <c>nack pli</c>) was offered.</summary>
    public bool HasFeedback(string value) => RtcpFeedback.Contains(value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Splits an fmtp value into parameters.</summary>
    public static IReadOnlyDictionary<string, string> ParseFmtp(string fmtp)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (fmtp ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                result[part] = "";
            }
            else
            {
                result[part[..eq].Trim()] = part[(eq + 1)..].Trim();
            }
        }

        return result;
    }
}
