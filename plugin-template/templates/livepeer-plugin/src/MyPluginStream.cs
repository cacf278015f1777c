using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;

namespace MyPlugin;

/// <summary>
/// One running stream of <see cref="MyPluginCapability"/>. It reads the control channel (client → capability JSON
/// messages; <c>{"keep":"alive"}</c> and unreadable ones are skipped) and writes the events channel (capability →
/// client JSON: <c>stream_started</c>, an answer per <c>{"text"}</c> message, <c>params_updated</c>,
/// <c>stream_stopped</c>). With video in and out enabled it copies each input segment to the output.
/// It ends when stopped, or when the client's control (or video input) channel is deleted — the client is gone.
/// </summary>
public sealed class MyPluginStream : IByocStreamSession
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _eventsGate = new(1, 1);
    private readonly Action _release;
    private readonly ISegmentSubscriber _control;
    private readonly ISegmentPublisher _events;
    private readonly ISegmentSubscriber? _videoIn;
    private readonly ISegmentPublisher? _videoOut;
    private string _paramsJson;
    private int _stopped;

    /// <summary>Opens the stream's channels and starts it; <paramref name="release"/> runs once when it has ended.</summary>
    public MyPluginStream(ByocStreamRequest request, ISegmentChannels channels, Action release)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(release);
        StreamId = request.StreamId;
        _release = release;
        _paramsJson = request.ParamsJson;

        // Open every channel before returning, so nothing the client writes after the start is missed.
        var opened = new List<IAsyncDisposable>();
        try
        {
            _control = Track(channels.OpenSubscriber(request.Channels.Control.Name, SegmentChannelInfo.NextSegment), opened);
            _events = Track(channels.OpenPublisher(request.Channels.Events.Name), opened);
            if (request.Channels.Subscribe is { } input && request.Channels.Publish is { } output)
            {
                _videoIn = Track(channels.OpenSubscriber(input.Name, SegmentChannelInfo.NextSegment), opened);
                _videoOut = Track(channels.OpenPublisher(output.Name), opened);
            }
        }
        catch
        {
            foreach (var channel in opened)
            {
                _ = channel.DisposeAsync().AsTask();
            }

            throw;
        }

        Completion = RunAsync();
    }

    /// <inheritdoc />
    public string StreamId { get; }

    /// <summary>The parameters the stream runs with now (JSON).</summary>
    public string ParamsJson => Volatile.Read(ref _paramsJson);

    /// <inheritdoc />
    public Task Completion { get; }

    /// <inheritdoc />
    public async ValueTask UpdateParamsAsync(string paramsJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paramsJson);
        if (Volatile.Read(ref _stopped) != 0 || Completion.IsCompleted)
        {
            throw new InvalidOperationException($"Stream '{StreamId}' has stopped.");
        }

        Volatile.Write(ref _paramsJson, paramsJson);
        await EmitAsync(new Dictionary<string, object?> { ["type"] = "params_updated", ["params"] = AsJson(paramsJson) }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask StopAsync(string? reason, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await Completion.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync("disposed", CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
        _eventsGate.Dispose();
    }

    private static T Track<T>(T channel, List<IAsyncDisposable> opened)
        where T : IAsyncDisposable
    {
        opened.Add(channel);
        return channel;
    }

    private static JsonElement AsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    // Ends successfully when stopped or when the client's channels were deleted; faulted on any other failure.
    private async Task RunAsync()
    {
        await Task.Yield(); // the constructor returns before any channel is read
        Exception? failure = null;
        var loops = new List<Task>();
        try
        {
            await EmitAsync(new Dictionary<string, object?> { ["type"] = "stream_started", ["stream_id"] = StreamId, ["params"] = AsJson(ParamsJson) }, _stop.Token).ConfigureAwait(false);
            loops.Add(ControlAsync(_stop.Token));
            if (_videoIn is not null && _videoOut is not null)
            {
                loops.Add(VideoAsync(_videoIn, _videoOut, _stop.Token));
            }

            // The first loop to end ends the stream (the client stopped sending, or its channel is gone).
            var first = await Task.WhenAny(loops).ConfigureAwait(false);
            await first.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (SegmentChannelNotFoundException)
        {
            // The client's channel was deleted under the stream: it is over.
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            Interlocked.Exchange(ref _stopped, 1);
            await _stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(loops).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false); // the others end on the cancellation
            await TryEmitStoppedAsync().ConfigureAwait(false);
            await _control.DisposeAsync().ConfigureAwait(false);
            await _events.DisposeAsync().ConfigureAwait(false);
            if (_videoIn is not null)
            {
                await _videoIn.DisposeAsync().ConfigureAwait(false);
            }

            if (_videoOut is not null)
            {
                await _videoOut.DisposeAsync().ConfigureAwait(false);
            }

            _release();
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    private async Task ControlAsync(CancellationToken cancellationToken)
    {
        while (await _control.NextSegmentAsync(cancellationToken).ConfigureAwait(false) is { } segment)
        {
            await using (segment.ConfigureAwait(false))
            {
                JsonElement? message;
                try
                {
                    message = await segment.ReadJsonAsync(cancellationToken, MyPluginCapability.MaxMessageBytes).ConfigureAwait(false);
                }
                catch (SegmentJsonException)
                {
                    continue; // not JSON, or too large: skipped, as pytrickle workers do
                }

                if (MyPluginCapability.Answer(message) is { } reversal)
                {
                    await EmitAsync(reversal, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    // The passthrough: replace the copy with your processing of each MPEG-TS segment.
    private static async Task VideoAsync(ISegmentSubscriber input, ISegmentPublisher output, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        while (await input.NextSegmentAsync(cancellationToken).ConfigureAwait(false) is { } segment)
        {
            await using (segment.ConfigureAwait(false))
            {
                var writer = await output.BeginSegmentAsync(cancellationToken).ConfigureAwait(false);
                await using (writer.ConfigureAwait(false))
                {
                    int read;
                    while ((read = await segment.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    private async Task EmitAsync<T>(T message, CancellationToken cancellationToken)
    {
        await _eventsGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _events.WriteJsonSegmentAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _eventsGate.Release();
        }
    }

    private async Task TryEmitStoppedAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await EmitAsync(new Dictionary<string, object?> { ["type"] = "stream_stopped", ["stream_id"] = StreamId }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SegmentChannelException or OperationCanceledException or ObjectDisposedException)
        {
            // The events channel is already gone (the client deleted it): nobody is left to tell.
        }
    }
}
