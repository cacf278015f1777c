using System.Text.Json;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>The body of a bad start, update or stop request; the message is the client's answer.</summary>
internal sealed class StreamRequestException : Exception
{
    public StreamRequestException(string message)
        : base(message)
    {
    }

    public StreamRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StreamRequestException()
    {
    }
}

/// <summary>
/// The body of <c>POST /process/stream/start</c> (go-livepeer <c>StartRequest</c>, protocols §1.3): every field optional;
/// <c>params</c> is a JSON object, given as upstream sends it (a string holding JSON) or as an object;
/// <c>rtmp_output</c> one URL or several separated by commas.
/// </summary>
/// <param name="StreamName">Prefixed to the stream id (<c>{stream_name}-{stream_id}</c>, as upstream).</param>
/// <param name="StreamId">The stream id asked for; <c>null</c> = random.</param>
/// <param name="RtmpOutputs">Where to push the processed output.</param>
/// <param name="ParamsJson">The pipeline params (a JSON object's text), or <c>null</c>.</param>
internal sealed record StreamStartBody(string? StreamName, string? StreamId, IReadOnlyList<Uri> RtmpOutputs, string? ParamsJson)
{
    /// <summary>The most <c>rtmp_output</c> targets per stream.</summary>
    public const int MaxRtmpOutputs = 8;

    private const int MaxDepth = 64;

    /// <summary>Reads a start body; an empty body is all defaults.</summary>
    /// <exception cref="StreamRequestException">Not a JSON object, a field of the wrong type, params not an object, a bad URL.</exception>
    public static StreamStartBody Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new StreamStartBody(null, null, [], null);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw new StreamRequestException("Invalid JSON body", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new StreamRequestException("Invalid JSON body: not an object");
            }

            var name = Text(root, "stream_name");
            var id = Text(root, "stream_id");
            var outputs = Outputs(Text(root, "rtmp_output"));
            var parameters = root.TryGetProperty("params", out var p) ? ParamsOf(p) : null;
            return new StreamStartBody(Empty(name), Empty(id), outputs, parameters);
        }
    }

    /// <summary>Upstream's rule: <c>params</c> must be a JSON object ("invalid model params"); a string is parsed as JSON.</summary>
    /// <exception cref="StreamRequestException">Anything else.</exception>
    public static string? ParamsOf(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                return value.GetRawText();
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Trim().Length == 0)
                {
                    return null;
                }

                return ObjectText(text) ?? throw new StreamRequestException("invalid model params: not a JSON object");
            default:
                throw new StreamRequestException("invalid model params: not a JSON object");
        }
    }

    /// <summary><paramref name="text"/> when it is one JSON object, else <c>null</c>.</summary>
    public static string? ObjectText(string text)
    {
        try
        {
            using var inner = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return inner.RootElement.ValueKind == JsonValueKind.Object ? inner.RootElement.GetRawText() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new StreamRequestException($"{name} is not a string"),
        };

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<Uri> Outputs(string? text)
    {
        var outputs = new List<Uri>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return outputs;
        }

        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            {
                throw new StreamRequestException("rtmp_output holds something that is not a URL");
            }

            outputs.Add(uri);
        }

        return outputs.Count <= MaxRtmpOutputs ? outputs : throw new StreamRequestException($"rtmp_output names more than {MaxRtmpOutputs} targets");
    }
}
