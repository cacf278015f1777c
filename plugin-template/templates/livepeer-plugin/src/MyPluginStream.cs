using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;

namespace MyPlugin;

/// <summary>
/// One running stream of <see cref="MyPluginCapability"/>: copies each input segment to the output as its bytes
/// arrive, and writes JSON events (<c>started</c>, <c>params</c>, <c>stopped</c>) to the events channel.
/// </summary>
public sealed class MyPluginStream : IByocStreamSession
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _eventsGate = new(1, 1);
    private readonly ISegmentChannels _channels;
    private readonly ByocStreamRequest _request;
    private readonly Action _release;
    private readonly ISegmentSubscriber? _input;
    private readonly ISegmentPublisher? _output;
    private string? _stopReason;

    /// <summary>Starts the stream; <paramref name="release"/> runs once when it has stopped.</summary>
    public MyPluginStream(ByocStreamRequest request, ISegmentChannels channels, Action release)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(release);
        _request = request;
        _channels = channels;
        _release = release;
        ParamsJson = request.ParamsJson;

        // Open the channels before returning, so that no input segment written after the start is missed.
        if (request.Channels.Subscribe is { } input && request.Channels.Publish is { } output)
        {
            _input = channels.OpenSubscriber(input.Name);
            _output = channels.OpenPublisher(output.Name);
        }

        Completion = RunAsync();
    }

    /// <inheritdoc />
    public string StreamId => _request.StreamId;

    /// <summary>The parameters the stream runs with now.</summary>
    public string ParamsJson { get; private set; }

    /// <inheritdoc />
    public Task Completion { get; }

    /// <inheritdoc />
    public async ValueTask UpdateParamsAsync(string paramsJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paramsJson);
        if (_stop.IsCancellationRequested || Completion.IsCompleted)
        {
            throw new InvalidOperationException($"Stream '{StreamId}' has stopped.");
        }

        ParamsJson = paramsJson;
        await PublishEventAsync(new StreamEvent("params", StreamId) { Params = paramsJson }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask StopAsync(string? reason, CancellationToken cancellationToken)
    {
        if (!_stop.IsCancellationRequested)
        {
            Interlocked.CompareExchange(ref _stopReason, reason ?? "stopped", null);
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => StopAsync("disposed", CancellationToken.None);

    private async Task RunAsync()
    {
        await Task.Yield(); // the constructor returns before the first event is written
        var (input, output) = (_input, _output);
        try
        {
            await PublishEventAsync(new StreamEvent("started", StreamId) { Params = ParamsJson }, _stop.Token).ConfigureAwait(false);
            if (input is null || output is null)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false); // no video: run until stopped
                return;
            }

            var buffer = new byte[16 * 1024];
            while (await input.NextSegmentAsync(_stop.Token).ConfigureAwait(false) is { } segment)
            {
                await using (segment.ConfigureAwait(false))
                {
                    var writer = await output.BeginSegmentAsync(_stop.Token).ConfigureAwait(false);
                    await using (writer.ConfigureAwait(false))
                    {
                        int read;
                        while ((read = await segment.Content.ReadAsync(buffer, _stop.Token).ConfigureAwait(false)) > 0)
                        {
                            await writer.WriteAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped: a normal end.
        }
        finally
        {
            if (input is not null)
            {
                await input.DisposeAsync().ConfigureAwait(false);
            }

            if (output is not null)
            {
                await output.DisposeAsync().ConfigureAwait(false);
            }

            await TryPublishStoppedAsync().ConfigureAwait(false);
            _release();
        }
    }

    private async Task TryPublishStoppedAsync()
    {
        try
        {
            await PublishEventAsync(new StreamEvent("stopped", StreamId) { Reason = _stopReason ?? "input ended" }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SegmentChannelException)
        {
            // The events channel is already gone (the gateway deleted it): nobody is left to tell.
        }
    }

    private async ValueTask PublishEventAsync(StreamEvent streamEvent, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(streamEvent, StreamEventJson.Options);
        await _eventsGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var events = _channels.OpenPublisher(_request.Channels.Events.Name);
            await using (events.ConfigureAwait(false))
            {
                await events.WriteSegmentAsync(json, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _eventsGate.Release();
        }
    }

    private sealed record StreamEvent(string Type, string StreamId)
    {
        public string? Params { get; init; }

        public string? Reason { get; init; }
    }

    private static class StreamEventJson
    {
        public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
    }
}
