using System.Text.Json.Serialization;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// The answer to <c>POST /process/stream/start</c> (go-livepeer <c>StreamUrls</c>, protocols §1.3): every key always
/// present, an empty string when the gateway has no such way in or out (upstream leaves them empty the same way when
/// a flag is off). <c>rtmp_output_url</c> is a comma-separated list.
/// </summary>
internal sealed record StreamUrls(
    [property: JsonPropertyName("stream_id")] string StreamId,
    [property: JsonPropertyName("whip_url")] string WhipUrl,
    [property: JsonPropertyName("whep_url")] string WhepUrl,
    [property: JsonPropertyName("rtmp_url")] string RtmpUrl,
    [property: JsonPropertyName("rtmp_output_url")] string RtmpOutputUrl,
    [property: JsonPropertyName("update_url")] string UpdateUrl,
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("data_url")] string DataUrl,
    [property: JsonPropertyName("stop_url")] string StopUrl);
