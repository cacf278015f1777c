using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;

namespace Livepeer.Conformance.Tests.Byoc;

/// <summary>One running stream of <see cref="EchoCapability"/>.</summary>
internal sealed class EchoStream : IByocStreamSession
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Action _release;

    public EchoStream(ByocStreamRequest request, ISegmentChannels channels, Action release)
    {
        StreamId = request.StreamId;
        ParamsJson = request.ParamsJson;
        _release = release;
        var subscriber = request.Channels.Subscribe is { } input ? channels.OpenSubscriber(input.Name) : null;
        var publisher = request.Channels.Publish is { } output ? channels.OpenPublisher(output.Name) : null;
        Completion = RunAsync(subscriber, publisher);
    }

    public string StreamId { get; }

    public string ParamsJson { get; private set; }

    public Task Completion { get; }

    public ValueTask UpdateParamsAsync(string paramsJson, CancellationToken cancellationToken)
    {
        if (Completion.IsCompleted || _stop.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Stream '{StreamId}' has stopped.");
        }

        ParamsJson = paramsJson;
        return ValueTask.CompletedTask;
    }

    public async ValueTask StopAsync(string? reason, CancellationToken cancellationToken)
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await Completion.WaitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => StopAsync("disposed", CancellationToken.None);

    private async Task RunAsync(ISegmentSubscriber? subscriber, ISegmentPublisher? publisher)
    {
        await Task.Yield();
        try
        {
            if (subscriber is null || publisher is null)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }

            while (await subscriber.NextSegmentAsync(_stop.Token) is { } segment)
            {
                await using (segment)
                {
                    await using var writer = await publisher.BeginSegmentAsync(_stop.Token);
                    var buffer = new byte[16 * 1024];
                    int read;
                    while ((read = await segment.Content.ReadAsync(buffer, _stop.Token)) > 0)
                    {
                        await writer.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
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
            if (subscriber is not null)
            {
                await subscriber.DisposeAsync();
            }

            if (publisher is not null)
            {
                await publisher.DisposeAsync();
            }

            _release();
        }
    }
}
