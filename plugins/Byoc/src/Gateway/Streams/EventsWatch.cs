using System.Text.Json;
using Livepeer.Abstractions.Channels;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// One attempt's events channel (<c>{id}-events</c>, worker → gateway, one JSON document per segment; go-livepeer
/// <c>startEventsSubscribe</c>): remembers when the last event came (the watchdog fails an orchestrator whose worker is
/// silent for <see cref="GatewayOptions.EventsTimeout"/>), the last event, and the last <c>status</c> event — bare
/// (<c>{"type":"status",…}</c>) or in pytrickle's envelope (<c>{"event":{"type":"status",…},"queue_event_type":…}</c>) —
/// which the stream's status shows.
/// </summary>
internal sealed class EventsWatch(TimeProvider time)
{
    /// <summary>The largest event kept for the status (bigger ones still count as a sign of life).</summary>
    public const int MaxKeptEventBytes = 64 * 1024;

    private readonly Lock _lock = new();
    private long _lastEventAt = -1;
    private long _events;
    private JsonElement? _lastEvent;
    private JsonElement? _lastStatus;

    public long Events => Interlocked.Read(ref _events);

    /// <summary>The <see cref="TimeProvider"/> timestamp of the last event; <c>null</c> before the first.</summary>
    public long? LastEventAt => Interlocked.Read(ref _lastEventAt) is var at and >= 0 ? at : null;

    public JsonElement? LastEvent
    {
        get
        {
            lock (_lock)
            {
                return _lastEvent;
            }
        }
    }

    public JsonElement? LastStatus
    {
        get
        {
            lock (_lock)
            {
                return _lastStatus;
            }
        }
    }

    /// <summary>Takes in one event.</summary>
    public void Record(JsonElement message)
    {
        Interlocked.Exchange(ref _lastEventAt, time.GetTimestamp());
        Interlocked.Increment(ref _events);
        if (message.GetRawText().Length > MaxKeptEventBytes)
        {
            return;
        }

        var kept = message.Clone();
        lock (_lock)
        {
            _lastEvent = kept;
            if (IsStatus(kept))
            {
                _lastStatus = kept;
            }
        }
    }

    /// <summary>Reads the events channel until it ends; returns why. Unreadable events are reported and skipped.</summary>
    public async Task<string> FollowAsync(ISegmentSubscriber subscriber, Action<string> unreadable, CancellationToken cancellationToken)
    {
        while (await subscriber.NextSegmentAsync(cancellationToken).ConfigureAwait(false) is { } segment)
        {
            await using (segment.ConfigureAwait(false))
            {
                try
                {
                    if (await segment.ReadJsonAsync(cancellationToken).ConfigureAwait(false) is { } message)
                    {
                        Record(message);
                    }
                }
                catch (SegmentJsonException e)
                {
                    unreadable(e.Message);
                }
                catch (IOException e)
                {
                    unreadable(e.Message);
                }
            }
        }

        return "the orchestrator closed the events channel";
    }

    /// <summary>A <c>status</c> event, bare or in an envelope (protocols §2.10).</summary>
    public static bool IsStatus(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && (TypeIs(message, "status") || (message.TryGetProperty("event", out var inner) && inner.ValueKind == JsonValueKind.Object && TypeIs(inner, "status")));

    private static bool TypeIs(JsonElement message, string type) =>
        message.TryGetProperty("type", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == type;
}
