using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;

namespace MyPlugin;

/// <summary>
/// An in-process BYOC capability: the orchestrator's Byoc plugin offers it to gateways and the Python SDK as
/// capability 37 (constraint = <see cref="Name"/>) and hands each stream its channels on the node's
/// <see cref="ISegmentChannels"/>, with no HTTP in between.
/// <list type="bullet">
/// <item>A stream reads its control channel and answers every <c>{"text": …}</c> message with
/// <c>{"original": …, "reversed": …}</c> on its events channel (what the Python SDK's
/// <c>byoc_text_reversal.py</c> waits for); when the client enabled video in and out, it also copies each input
/// segment to the output channel (a passthrough: put your processing there).</item>
/// <item>A batch job (<c>/process/request/…</c>) answers a JSON body <c>{"text": …}</c> the same way.</item>
/// </list>
/// </summary>
public sealed class MyPluginCapability : IByocCapability
{
    /// <summary>The setting holding the number of concurrent streams and jobs.</summary>
    public const string CapacityKey = "Capacity";

    /// <summary>The setting holding the price of one second of compute, in wei.</summary>
    public const string PricePerSecondKey = "PricePerSecond";

    /// <summary>The capacity when the setting is absent.</summary>
    public const int DefaultCapacity = 2;

    /// <summary>The largest control message or job body read.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private readonly ISegmentChannels? _channels;
    private int _running;

    /// <summary>
    /// Creates the capability. Streams run on <paramref name="channels"/> (the node's segment channels, from the
    /// Trickle plugin); without them batch jobs still work and starting a stream fails with a clear error.
    /// </summary>
    public MyPluginCapability(ByocCapabilityInfo info, ISegmentChannels? channels)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
        _channels = channels;
    }

    /// <inheritdoc />
    public string Name => Info.Name;

    /// <inheritdoc />
    public ByocCapabilityInfo Info { get; }

    /// <summary>Streams running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Reverses <paramref name="text"/> by text elements (grapheme clusters), so accents and emoji survive.</summary>
    public static string Reverse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var starts = StringInfo.ParseCombiningCharacters(text);
        var builder = new StringBuilder(text.Length);
        for (var i = starts.Length - 1; i >= 0; i--)
        {
            var end = i + 1 < starts.Length ? starts[i + 1] : text.Length;
            builder.Append(text, starts[i], end - starts[i]);
        }

        return builder.ToString();
    }

    /// <summary>The answer to a message: the reversal of its <c>text</c>, or null when it has none (a keep-alive, params…).</summary>
    internal static Reversal? Answer(JsonElement? message) =>
        message is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? new Reversal(text.GetString()!, Reverse(text.GetString()!))
            : null;

    /// <inheritdoc />
    public async ValueTask<ByocJobResponse> ProcessJobAsync(ByocJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonElement? body;
        try
        {
            // Reads at most MaxMessageBytes, so a huge body costs nothing.
            body = await SegmentChannelJson.ReadJsonAsync(request.Body, cancellationToken, MaxMessageBytes).ConfigureAwait(false);
        }
        catch (SegmentJsonException e)
        {
            return Json(400, new Dictionary<string, string> { ["error"] = e.Message });
        }

        return Answer(body) is { } reversal
            ? Json(200, reversal)
            : Json(400, new Dictionary<string, string> { ["error"] = "the body must be a JSON object with a \"text\" string" });
    }

    /// <inheritdoc />
    public ValueTask<IByocStreamSession> StartStreamAsync(ByocStreamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var channels = _channels ?? throw new InvalidOperationException($"Capability '{Name}': this node has no segment channels for streams (the Trickle plugin provides them).");

        // Take a place atomically: two starts racing for the last place cannot both win.
        while (true)
        {
            var running = Volatile.Read(ref _running);
            if (running >= Info.Capacity)
            {
                throw new ByocCapacityException($"Capability '{Name}' is running {running} of {Info.Capacity} streams.");
            }

            if (Interlocked.CompareExchange(ref _running, running + 1, running) == running)
            {
                break;
            }
        }

        try
        {
            return ValueTask.FromResult<IByocStreamSession>(new MyPluginStream(request, channels, () => Interlocked.Decrement(ref _running)));
        }
        catch
        {
            Interlocked.Decrement(ref _running); // the channels could not be opened: the place was never used
            throw;
        }
    }

    private static ByocJobResponse Json<T>(int status, T body) =>
        new(status, "application/json", new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(body), writable: false));

    /// <summary>The answer to a <c>{"text"}</c> message (an event) or job.</summary>
    internal sealed record Reversal(
        [property: JsonPropertyName("original")] string Original,
        [property: JsonPropertyName("reversed")] string Reversed);
}
