using System.Text.Json;

namespace Livepeer.Samples.TintWorker;

/// <summary>
/// A <c>POST /stream/start</c> body (go-livepeer <c>byoc/stream_orchestrator.go</c>): the trickle URLs named from
/// the worker's side, the stream id, and the client's <c>params</c> (an object, or a JSON string holding one).
/// </summary>
internal sealed record StartRequest(string StreamId, Uri ControlUrl, Uri EventsUrl)
{
    public Uri? SubscribeUrl { get; init; }

    public Uri? PublishUrl { get; init; }

    public Uri? DataUrl { get; init; }

    public JsonElement? Params { get; init; }

    /// <exception cref="FormatException">Not an object, or a required URL missing or not absolute http(s).</exception>
    public static StartRequest Parse(JsonElement body, string? streamIdHeader)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("body must be a JSON object");
        }

        var id = Text(body, "gateway_request_id") ?? streamIdHeader ?? Text(body, "stream_id");
        if (string.IsNullOrEmpty(id))
        {
            throw new FormatException("gateway_request_id is required");
        }

        return new StartRequest(id, Url(body, "control_url") ?? throw new FormatException("control_url is required"), Url(body, "events_url") ?? throw new FormatException("events_url is required"))
        {
            SubscribeUrl = Url(body, "subscribe_url"),
            PublishUrl = Url(body, "publish_url"),
            DataUrl = Url(body, "data_url"),
            Params = body.TryGetProperty("params", out var p) ? p.Clone() : null,
        };
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Uri? Url(JsonElement body, string name)
    {
        if (Text(body, name) is not { Length: > 0 } text)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new FormatException($"{name} must be an absolute http(s) URL");
    }
}
