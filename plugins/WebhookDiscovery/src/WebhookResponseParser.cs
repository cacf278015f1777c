using System.Text.Json;
using System.Text.Unicode;

namespace Livepeer.Plugins.WebhookDiscovery;

/// <summary>
/// Reads the webhook's body (upstream <c>deserializeWebhookJSON</c>): a JSON array of objects with optional
/// <c>address</c> (string) and <c>score</c> (number). As Go's <c>encoding/json</c> does, property names match
/// ignoring case, unknown properties are ignored, a later duplicate wins, <c>null</c> leaves the default, a root
/// <c>null</c> is an empty list, and a value of the wrong type (or text that is not UTF-8) makes the whole body invalid.
/// </summary>
internal static class WebhookResponseParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Parses <paramref name="body"/>; on failure returns false and says why in <paramref name="error"/>.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, int maxEntries, out IReadOnlyList<WebhookEntry> entries, out string error)
    {
        entries = [];
        error = "";

        // Decision: Go replaces invalid UTF-8 inside strings with U+FFFD; a webhook that sends it is broken, and
        // refusing the body (keeping the last good list) is safer than dialling a mangled address.
        if (!Utf8.IsValid(body.Span))
        {
            error = "the body is not UTF-8 text";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            error = $"the body is not JSON ({e.Message})";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return true;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                error = $"the body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an array";
                return false;
            }

            var count = root.GetArrayLength();
            if (count > maxEntries)
            {
                error = $"the body has {count} entries, more than the {maxEntries} allowed";
                return false;
            }

            var list = new List<WebhookEntry>(count);
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (!TryReadEntry(element, out var entry, out var problem))
                {
                    error = $"entry {index} {problem}";
                    return false;
                }

                list.Add(entry);
                index++;
            }

            entries = list;
            return true;
        }
    }

    private static bool TryReadEntry(JsonElement element, out WebhookEntry entry, out string problem)
    {
        entry = default;
        problem = "";
        if (element.ValueKind == JsonValueKind.Null)
        {
            return true; // Go leaves a zero entry, which has no address and is skipped
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not an object";
            return false;
        }

        var address = "";
        var score = 0.0;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            if (string.Equals(property.Name, "address", StringComparison.OrdinalIgnoreCase))
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    address = value.GetString()!;
                }
                else if (value.ValueKind != JsonValueKind.Null)
                {
                    problem = "has an address that is not a string";
                    return false;
                }
            }
            else if (string.Equals(property.Name, "score", StringComparison.OrdinalIgnoreCase))
            {
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) && Math.Abs(number) <= float.MaxValue)
                {
                    score = number;
                }
                else if (value.ValueKind != JsonValueKind.Null)
                {
                    problem = "has a score that is not a number a float32 can hold";
                    return false;
                }
            }
        }

        entry = new WebhookEntry(address, score);
        return true;
    }
}
