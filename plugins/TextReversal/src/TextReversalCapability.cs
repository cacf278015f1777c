using System.Globalization;
using System.Text;
using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;

namespace Livepeer.Plugins.TextReversal;

/// <summary>
/// <c>text-reversal</c>: a stream subscribes to its control channel and answers every <c>{"text":…}</c>
/// message with <c>{"original":…,"reversed":…}</c> on its events channel (what the Python SDK's
/// <c>byoc_text_reversal.py</c> waits for); other messages (<c>{"keep":"alive"}</c>) are ignored. A batch
/// job reverses the <c>text</c> of a JSON body the same way.
/// </summary>
internal sealed class TextReversalCapability(ByocCapabilityInfo info, ISegmentChannels? channels) : IByocCapability
{
    public const string CapabilityName = "text-reversal";

    /// <summary>The largest control message or job body read.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private int _running;

    public string Name => Info.Name;

    public ByocCapabilityInfo Info { get; } = info;

    public int Running => Volatile.Read(ref _running);

    /// <summary>Reverses by text elements, so combining marks and emoji stay whole.</summary>
    public static string Reverse(string text)
    {
        var indexes = StringInfo.ParseCombiningCharacters(text);
        var builder = new StringBuilder(text.Length);
        for (var i = indexes.Length - 1; i >= 0; i--)
        {
            var end = i + 1 < indexes.Length ? indexes[i + 1] : text.Length;
            builder.Append(text, indexes[i], end - indexes[i]);
        }

        return builder.ToString();
    }

    public async ValueTask<ByocJobResponse> ProcessJobAsync(ByocJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonElement? body;
        try
        {
            body = await SegmentChannelJson.ReadJsonAsync(request.Body, cancellationToken, MaxMessageBytes).ConfigureAwait(false);
        }
        catch (SegmentJsonException e)
        {
            return Answer(400, new { error = e.Message });
        }

        return TextOf(body) is { } text
            ? Answer(200, new Reversal(text, Reverse(text)))
            : Answer(400, new { error = "the body must be a JSON object with a \"text\" string" });
    }

    public ValueTask<IByocStreamSession> StartStreamAsync(ByocStreamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (channels is null)
        {
            throw new InvalidOperationException("text-reversal streams need segment channels (the Trickle plugin)");
        }

        while (true)
        {
            var running = Volatile.Read(ref _running);
            if (running >= Info.Capacity)
            {
                throw new ByocCapacityException($"text-reversal runs {running} of {Info.Capacity} streams");
            }

            if (Interlocked.CompareExchange(ref _running, running + 1, running) == running)
            {
                break;
            }
        }

        try
        {
            var control = channels.OpenSubscriber(request.Channels.Control.Name, SegmentChannelInfo.NextSegment);
            var events = channels.OpenPublisher(request.Channels.Events.Name);
            return ValueTask.FromResult<IByocStreamSession>(new Session(request.StreamId, control, events, () => Interlocked.Decrement(ref _running)));
        }
        catch
        {
            Interlocked.Decrement(ref _running);
            throw;
        }
    }

    private static string? TextOf(JsonElement? message) =>
        message is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    private static ByocJobResponse Answer(int status, object body) =>
        new(status, "application/json", new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(body)));

    private sealed record Reversal(
        [property: System.Text.Json.Serialization.JsonPropertyName("original")] string Original,
        [property: System.Text.Json.Serialization.JsonPropertyName("reversed")] string Reversed);

    private sealed class Session : IByocStreamSession
    {
        private readonly ISegmentSubscriber _control;
        private readonly ISegmentPublisher _events;
        private readonly CancellationTokenSource _stop = new();
        private readonly Action _release;
        private readonly Task _loop;
        private int _stopped;

        public Session(string streamId, ISegmentSubscriber control, ISegmentPublisher events, Action release)
        {
            StreamId = streamId;
            _control = control;
            _events = events;
            _release = release;
            _loop = Task.Run(() => RunAsync(_stop.Token));
            Completion = FinishAsync();
        }

        public string StreamId { get; }

        public Task Completion { get; }

        public ValueTask UpdateParamsAsync(string paramsJson, CancellationToken cancellationToken) =>
            Volatile.Read(ref _stopped) != 0 || Completion.IsCompleted
                ? throw new InvalidOperationException($"Stream {StreamId} has stopped")
                : ValueTask.CompletedTask; // no parameters to follow

        public async ValueTask StopAsync(string? reason, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 0)
            {
                await _stop.CancelAsync().ConfigureAwait(false);
            }

            await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync(null, CancellationToken.None).ConfigureAwait(false);
            _stop.Dispose();
        }

        private async Task RunAsync(CancellationToken cancellationToken)
        {
            while (await _control.NextSegmentAsync(cancellationToken).ConfigureAwait(false) is { } segment)
            {
                await using (segment.ConfigureAwait(false))
                {
                    JsonElement? message;
                    try
                    {
                        message = await segment.ReadJsonAsync(cancellationToken, MaxMessageBytes).ConfigureAwait(false);
                    }
                    catch (SegmentJsonException)
                    {
                        continue; // a bad message is skipped, as pytrickle does
                    }

                    if (TextOf(message) is { } text)
                    {
                        await _events.WriteJsonSegmentAsync(new Reversal(text, Reverse(text)), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        // Ends when stopped (success), when the control channel ends (success) or on failure (faulted).
        private async Task FinishAsync()
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (SegmentChannelNotFoundException)
            {
                // The stream's channels were deleted under it: it is over.
            }
            finally
            {
                await _control.DisposeAsync().ConfigureAwait(false);
                await _events.DisposeAsync().ConfigureAwait(false);
                _release();
            }
        }
    }
}
