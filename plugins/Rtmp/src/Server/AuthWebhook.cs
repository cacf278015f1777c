using System.Net;
using System.Text;
using System.Text.Json;
using Livepeer.Abstractions.Transcoding;

namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>
/// The stream auth webhook (protocols §9.4, server/auth.go authenticateStream): POST <c>{"url": …}</c>; non-200
/// refuses; an empty body accepts with URL-derived ids; otherwise <c>manifestID</c> (required), <c>streamKey</c>,
/// <c>presets</c> and <c>profiles</c> are honoured. Bounded in time and body size; any failure refuses.
/// </summary>
internal sealed class AuthWebhook(HttpClient http, Uri? endpoint, TimeSpan timeout, int maxBytes) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    /// <summary>True when a webhook is configured.</summary>
    public bool Enabled => endpoint is not null;

    /// <summary>Asks the webhook about <paramref name="streamUrl"/>.</summary>
    public async Task<AuthDecision> AuthenticateAsync(string streamUrl, CancellationToken cancellationToken)
    {
        if (endpoint is null)
        {
            return AuthDecision.Accept;
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = streamUrl });
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(endpoint, content, timeoutSource.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new AuthDecision(false, $"status {(int)response.StatusCode}");
            }

            var body = await ReadBoundedAsync(response, timeoutSource.Token).ConfigureAwait(false);
            return body is null ? new AuthDecision(false, $"response larger than {maxBytes} bytes") : Parse(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AuthDecision(false, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new AuthDecision(false, e.Message);
        }
    }

    /// <summary>Interprets a 200 response body.</summary>
    internal static AuthDecision Parse(byte[] body)
    {
        if (body.AsSpan().Trim((byte)' ').IsEmpty)
        {
            return AuthDecision.Accept;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("manifestID", out var manifest) || manifest.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(manifest.GetString()))
            {
                return new AuthDecision(false, "no manifestID in the response");
            }

            var key = root.TryGetProperty("streamKey", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            return AuthDecision.Accept with
            {
                ManifestId = manifest.GetString(),
                StreamKey = string.IsNullOrEmpty(key) ? null : key,
                Profiles = ReadProfiles(root),
            };
        }
        catch (JsonException e)
        {
            return new AuthDecision(false, $"invalid JSON ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            return new AuthDecision(false, $"invalid response ({e.Message})");
        }
    }

    private static List<TranscodeProfile>? ReadProfiles(JsonElement root)
    {
        List<TranscodeProfile>? profiles = null;
        if (root.TryGetProperty("presets", out var presets) && presets.ValueKind == JsonValueKind.Array)
        {
            profiles = [];
            foreach (var preset in presets.EnumerateArray())
            {
                if (preset.GetString() is { } name && TranscodeProfiles.ByName.TryGetValue(name, out var profile))
                {
                    profiles.Add(profile);
                }
            }
        }

        if (root.TryGetProperty("profiles", out var custom) && custom.ValueKind == JsonValueKind.Array)
        {
            profiles ??= [];
            foreach (var p in custom.EnumerateArray())
            {
                // lpms JsonProfile: name, width, height, bitrate, fps, fpsDen
                profiles.Add(new TranscodeProfile(
                    p.GetProperty("name").GetString() ?? "",
                    Int(p, "width"),
                    Int(p, "height"),
                    Int(p, "bitrate"),
                    Int(p, "fps")) { FramerateDenominator = Math.Max(1, Int(p, "fpsDen")) });
            }
        }

        return profiles;
    }

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : 0;

    private async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[maxBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total > maxBytes ? null : buffer[..total];
        }
    }
}
