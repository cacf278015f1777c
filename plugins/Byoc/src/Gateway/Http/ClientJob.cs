using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;

namespace Livepeer.Plugins.Byoc.Gateway.Http;

/// <summary>
/// The client's <c>Livepeer</c> header on the gateway (unsigned; go-livepeer <c>setupGatewayJob</c>): capability and
/// timeout required, <c>request</c> and <c>parameters</c> JSON objects (an empty one counts as <c>{}</c> — upstream's
/// own documentation leaves <c>parameters</c> out and then answers 400), <c>parameters.orchestrators.exclude/include</c>
/// read as URL lists.
/// </summary>
internal sealed record ClientJob(ByocJobHeader Header, string Request, string Parameters, ByocStreamFlags Flags, OrchestratorFilter Filter)
{
    private const int MaxListedOrchestrators = 100;

    /// <summary>Reads a header value.</summary>
    /// <exception cref="ByocJobHeaderException">Missing, malformed, or a field of the wrong type.</exception>
    public static ClientJob Parse(string? headerValue)
    {
        var header = ByocJobHeader.Parse(headerValue);
        var request = string.IsNullOrWhiteSpace(header.Request) ? "{}" : header.Request;
        var parameters = string.IsNullOrWhiteSpace(header.Parameters) ? "{}" : header.Parameters;
        header = header with { Request = request, Parameters = parameters };
        _ = header.StreamId(); // request must be an object whose stream_id, if any, is a string
        var flags = header.StreamFlags();
        using var document = JsonDocument.Parse(parameters, new JsonDocumentOptions { MaxDepth = 16 });
        var filter = OrchestratorFilter.None;
        if (document.RootElement.TryGetProperty("orchestrators", out var listed) && listed.ValueKind == JsonValueKind.Object)
        {
            filter = new OrchestratorFilter(Uris(listed, "exclude"), Uris(listed, "include"));
        }

        return new ClientJob(header, request, parameters, flags, filter);
    }

    private static HashSet<Uri> Uris(JsonElement listed, string name)
    {
        var uris = new HashSet<Uri>();
        if (!listed.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return uris;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxListedOrchestrators)
        {
            throw new ByocJobHeaderException($"parameters.orchestrators.{name} is not a list of at most {MaxListedOrchestrators} URLs");
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Uri.TryCreate(item.GetString(), UriKind.Absolute, out var uri))
            {
                throw new ByocJobHeaderException($"parameters.orchestrators.{name} holds something that is not a URL");
            }

            uris.Add(uri);
        }

        return uris;
    }
}
