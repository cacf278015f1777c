using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Livepeer.Abstractions.Byoc;

/// <summary>
/// The job request carried in the <c>Livepeer</c> header (go-livepeer <c>JobRequest</c>): standard base64 of
/// compact JSON with the keys <c>id</c>, <c>request</c>, <c>parameters</c>, <c>capability</c>, <c>sender</c>,
/// <c>sig</c>, <c>timeout_seconds</c> (the Python SDK's order). <see cref="Request"/> and
/// <see cref="Parameters"/> are JSON texts, signed as they are.
/// </summary>
/// <param name="Id">The job or stream id.</param>
/// <param name="Request">JSON text of the request details (<c>{"stream_id":…}</c> for streams).</param>
/// <param name="Parameters">JSON text of the job parameters (<c>enable_*</c> flags for streams).</param>
/// <param name="Capability">The capability name.</param>
/// <param name="Sender">The signer's address as sent (EIP-55 hex); empty when unsigned.</param>
/// <param name="Signature">The signature as sent (<c>0x</c> + 130 hex digits); empty when unsigned.</param>
/// <param name="TimeoutSeconds">How long the job may take; upstream requires it to be non-zero.</param>
public sealed record ByocJobHeader(string Id, string Request, string Parameters, string Capability, string Sender, string Signature, int TimeoutSeconds)
{
    /// <summary>The largest header value read (base64 characters); real headers are a few hundred.</summary>
    public const int MaxEncodedLength = 16 * 1024;

    /// <summary>The longest <see cref="TimeoutSeconds"/> accepted (one day).</summary>
    public const int MaxTimeoutSeconds = 86_400;

    private const int MaxDepth = 16;

    /// <summary>Reads a header value; every problem is a <see cref="ByocJobHeaderException"/> with a message for the client.</summary>
    /// <exception cref="ByocJobHeaderException">Missing, too long, bad base64, bad JSON, or a field out of range.</exception>
    public static ByocJobHeader Parse(string? headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            throw new ByocJobHeaderException("Missing Livepeer header");
        }

        if (headerValue.Length > MaxEncodedLength)
        {
            throw new ByocJobHeaderException($"Livepeer header is longer than {MaxEncodedLength} characters");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(headerValue.Length);
        try
        {
            if (!Convert.TryFromBase64String(headerValue.Trim(), buffer, out var length))
            {
                throw new ByocJobHeaderException("Livepeer header is not base64");
            }

            return ParseJson(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The header value: base64 of compact JSON in the Python SDK's key order.</summary>
    public string Encode()
    {
        var output = new ArrayBufferWriter<byte>(512);
        // Quotes inside request/parameters as \" (as Python's json.dumps writes them), not \u0022.
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", Id);
            writer.WriteString("request", Request);
            writer.WriteString("parameters", Parameters);
            writer.WriteString("capability", Capability);
            writer.WriteString("sender", Sender);
            writer.WriteString("sig", Signature);
            writer.WriteNumber("timeout_seconds", TimeoutSeconds);
            writer.WriteEndObject();
        }

        return Convert.ToBase64String(output.WrittenSpan);
    }

    /// <summary>The <c>stream_id</c> of <see cref="Request"/>, or <c>null</c> when absent.</summary>
    /// <exception cref="ByocJobHeaderException"><see cref="Request"/> is not a JSON object or its stream id is not a string.</exception>
    public string? StreamId()
    {
        using var document = ParseObject(Request, "request");
        return document.RootElement.TryGetProperty("stream_id", out var id)
            ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Null => null,
                _ => throw new ByocJobHeaderException("request.stream_id is not a string"),
            }
            : null;
    }

    /// <summary>The stream flags of <see cref="Parameters"/>.</summary>
    /// <exception cref="ByocJobHeaderException"><see cref="Parameters"/> is not a JSON object or a flag is not a boolean.</exception>
    public ByocStreamFlags StreamFlags()
    {
        using var document = ParseObject(Parameters, "parameters");
        var root = document.RootElement;
        return new ByocStreamFlags(Flag(root, "enable_video_ingress"), Flag(root, "enable_video_egress"), Flag(root, "enable_data_output"));
    }

    private static bool Flag(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) ? false : value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            _ => throw new ByocJobHeaderException($"parameters.{name} is not a boolean"),
        };

    private static JsonDocument ParseObject(string json, string field)
    {
        try
        {
            var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new ByocJobHeaderException($"Livepeer header {field} is not a JSON object");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new ByocJobHeaderException($"Livepeer header {field} is not valid JSON", e);
        }
    }

    private static ByocJobHeader ParseJson(ReadOnlySpan<byte> utf8)
    {
        string id = "", request = "", parameters = "", capability = "", sender = "", sig = "";
        long timeout = 0;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ByocJobHeaderException("Livepeer header is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Go's decoder matches field names case-insensitively and ignores unknown keys.
                var name = reader.GetString()!.ToLowerInvariant();
                reader.Read();
                switch (name)
                {
                    case "id": id = Text(ref reader, name); break;
                    case "request": request = Text(ref reader, name); break;
                    case "parameters": parameters = Text(ref reader, name); break;
                    case "capability": capability = Text(ref reader, name); break;
                    case "sender": sender = Text(ref reader, name); break;
                    case "sig": sig = Text(ref reader, name); break;
                    case "timeout_seconds":
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out timeout))
                        {
                            throw new ByocJobHeaderException("Livepeer header timeout_seconds is not a whole number");
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new ByocJobHeaderException("Livepeer header is not one JSON object");
            }
        }
        catch (JsonException e)
        {
            throw new ByocJobHeaderException("Livepeer header is not valid JSON", e);
        }
        catch (InvalidOperationException e)
        {
            throw new ByocJobHeaderException("Livepeer header is not valid JSON", e);
        }

        if (timeout == 0)
        {
            throw new ByocJobHeaderException("Job timeout not set"); // upstream errNoTimeoutSet
        }

        if (timeout < 0 || timeout > MaxTimeoutSeconds)
        {
            throw new ByocJobHeaderException($"Livepeer header timeout_seconds must be between 1 and {MaxTimeoutSeconds}");
        }

        if (capability.Length == 0)
        {
            throw new ByocJobHeaderException("Livepeer header names no capability");
        }

        return new ByocJobHeader(id, request, parameters, capability, sender, sig, (int)timeout);
    }

    private static string Text(ref Utf8JsonReader reader, string name) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Null => "",
        _ => throw new ByocJobHeaderException($"Livepeer header {name} is not a string"),
    };
}

/// <summary>Which optional channels a stream has (signed <c>parameters</c>: <c>enable_video_ingress</c>, <c>enable_video_egress</c>, <c>enable_data_output</c>).</summary>
/// <param name="VideoIngress">The client publishes video (<c>{id}</c>).</param>
/// <param name="VideoEgress">The worker publishes video (<c>{id}-out</c>).</param>
/// <param name="DataOutput">The worker publishes JSON lines (<c>{id}-data</c>).</param>
public sealed record ByocStreamFlags(bool VideoIngress, bool VideoEgress, bool DataOutput);
