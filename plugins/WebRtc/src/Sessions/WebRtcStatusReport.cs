using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>
/// The plugin's live state as JSON-friendly objects, computed once for every place that shows it: the page's
/// <c>/webrtc/status</c> routes and the node's <c>GET /status</c> section <c>webrtc</c>.
/// </summary>
internal sealed class WebRtcStatusReport(IMediaStreamHub hub, WebRtcSessions sessions)
{
    /// <summary>The whole node: session totals, active streams, WHEP viewers per stream and every session's counters.</summary>
    public object Node()
    {
        var all = sessions.All.Select(s => s.Status()).ToList();
        return new
        {
            open = sessions.Count,
            opened = sessions.Opened,
            closed = sessions.Closed,
            streams = hub.ActiveStreams.Select(s => new { stream = s.StreamId, protocol = s.Protocol }).ToList(),
            viewers = all.Where(s => s.Kind == "whep").GroupBy(s => s.Stream, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            sessions = all,
        };
    }

    /// <summary>One stream: its ingest and output, its WHIP session(s) and its WHEP viewers.</summary>
    public object Stream(string stream)
    {
        var descriptor = hub.ActiveStreams.FirstOrDefault(s => s.StreamId == stream);
        var output = hub.ActiveStreams.FirstOrDefault(s => s.StreamId == stream + StreamOutputs.OutputSuffix) ?? descriptor;
        var own = sessions.OfStream(stream).Select(s => s.Status()).ToList();
        return new
        {
            stream,
            active = descriptor is not null,
            protocol = descriptor?.Protocol,
            tracks = descriptor?.Tracks.Select(t => new { kind = t.Kind.ToString().ToLowerInvariant(), codec = t.Codec, width = t.Width, height = t.Height }).ToList(),
            output = output?.StreamId,
            ingest = own.Where(s => s.Kind == "whip").ToList(),
            viewers = own.Where(s => s.Kind == "whep").ToList(),
        };
    }
}
