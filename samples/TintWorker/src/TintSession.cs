using System.Text.Json;
using Livepeer.Abstractions.Channels;
using Microsoft.Extensions.Logging;

namespace Livepeer.Samples.TintWorker;

/// <summary>
/// One running stream: input segments from <c>subscribe_url</c> are tinted and published on
/// <c>publish_url</c>; control messages (<c>{"u","v"}</c>; <c>{"keep":"alive"}</c> ignored) update the tint;
/// events (<c>stream_started</c>, a <c>heartbeat</c> every 10 s for the gateway's 30 s watchdog,
/// <c>params_updated</c>, <c>error</c>, <c>stream_stopped</c>) go to <c>events_url</c>.
/// </summary>
internal sealed class TintSession : IAsyncDisposable
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    private readonly StartRequest _start;
    private readonly ISegmentChannelClients _clients;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _eventsLock = new(1, 1);
    private readonly List<Task> _loops = [];
    private ISegmentPublisher? _events;
    private TintParams _params;
    private long _segments;
    private int _stopped;

    public TintSession(StartRequest start, TintParams initial, ISegmentChannelClients clients, TimeProvider time, ILogger logger)
    {
        _start = start;
        _params = initial;
        _clients = clients;
        _time = time;
        _logger = logger;
    }

    public string StreamId => _start.StreamId;

    public TintParams Params => Volatile.Read(ref _params);

    /// <summary>Segments tinted and published so far.</summary>
    public long SegmentsOut => Interlocked.Read(ref _segments);

    public async Task StartAsync()
    {
        _events = _clients.OpenPublisher(_start.EventsUrl, "application/json");
        await EmitAsync(new Dictionary<string, object?> { ["type"] = "stream_started", ["stream_id"] = StreamId, ["u"] = Params.U, ["v"] = Params.V }).ConfigureAwait(false);
        _loops.Add(Task.Run(() => HeartbeatAsync(_stop.Token)));
        _loops.Add(Task.Run(() => ControlAsync(_stop.Token)));
        if (_start.SubscribeUrl is { } input && _start.PublishUrl is { } output)
        {
            _loops.Add(Task.Run(() => MediaAsync(input, output, _stop.Token)));
        }
    }

    public async Task UpdateAsync(TintParams tint)
    {
        Volatile.Write(ref _params, tint);
        await EmitAsync(new Dictionary<string, object?> { ["type"] = "params_updated", ["u"] = tint.U, ["v"] = tint.V }).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await EmitAsync(new Dictionary<string, object?> { ["type"] = "stream_stopped", ["stream_id"] = StreamId }).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }

        if (_events is not null)
        {
            await _events.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _eventsLock.Dispose();
    }

    private async Task MediaAsync(Uri input, Uri output, CancellationToken cancellationToken)
    {
        try
        {
            await using var subscriber = _clients.OpenSubscriber(input, SegmentChannelInfo.CurrentSegment);
            await using var publisher = _clients.OpenPublisher(output, "video/mp2t");
            while (!cancellationToken.IsCancellationRequested)
            {
                byte[] data;
                var segment = await subscriber.NextSegmentAsync(cancellationToken).ConfigureAwait(false);
                if (segment is null)
                {
                    break; // the input channel ended
                }

                await using (segment.ConfigureAwait(false))
                {
                    data = await segment.ReadAllAsync(SegmentTinter.MaxSegmentBytes, cancellationToken).ConfigureAwait(false);
                }

                if (data.Length == 0)
                {
                    continue;
                }

                try
                {
                    var tinted = await SegmentTinter.TintAsync(data, Params, cancellationToken).ConfigureAwait(false);
                    await publisher.WriteSegmentAsync(tinted, cancellationToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _segments);
                }
                catch (InvalidDataException e)
                {
                    WorkerLog.SegmentFailed(_logger, StreamId, e.Message);
                    await EmitAsync(new Dictionary<string, object?> { ["type"] = "error", ["message"] = e.Message }).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is SegmentChannelException or HttpRequestException or IOException)
        {
            WorkerLog.MediaEnded(_logger, StreamId, e.Message);
        }
    }

    private async Task ControlAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var control = _clients.OpenSubscriber(_start.ControlUrl, SegmentChannelInfo.CurrentSegment);
            while (!cancellationToken.IsCancellationRequested)
            {
                var segment = await control.NextSegmentAsync(cancellationToken).ConfigureAwait(false);
                if (segment is null)
                {
                    break;
                }

                JsonElement? message;
                await using (segment.ConfigureAwait(false))
                {
                    try
                    {
                        message = await segment.ReadJsonAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (SegmentJsonException)
                    {
                        continue;
                    }
                }

                if (message is not { ValueKind: JsonValueKind.Object } value || value.TryGetProperty("keep", out _))
                {
                    continue; // keep-alives and non-objects carry no params
                }

                try
                {
                    await UpdateAsync(TintParams.Apply(Params, value)).ConfigureAwait(false);
                }
                catch (FormatException e)
                {
                    await EmitAsync(new Dictionary<string, object?> { ["type"] = "error", ["message"] = e.Message }).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is SegmentChannelException or HttpRequestException or IOException)
        {
            WorkerLog.MediaEnded(_logger, StreamId, e.Message);
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await EmitAsync(new Dictionary<string, object?> { ["type"] = "heartbeat", ["timestamp"] = _time.GetUtcNow().ToUnixTimeMilliseconds(), ["segments"] = SegmentsOut }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task EmitAsync(Dictionary<string, object?> message)
    {
        if (_events is null)
        {
            return;
        }

        await _eventsLock.WaitAsync().ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _events.WriteJsonSegmentAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SegmentChannelException or HttpRequestException or IOException)
        {
            WorkerLog.EventFailed(_logger, StreamId, e.Message);
        }
        finally
        {
            _eventsLock.Release();
        }
    }
}
