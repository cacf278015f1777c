using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Plugins.Byoc.Tests.Fakes;

/// <summary>An in-process capability for tests: copies control segments to events until stopped; batch jobs echo their body.</summary>
internal sealed class EchoCapability(ISegmentChannels channels, int capacity = 4, long pricePerSecond = 0) : IByocCapability
{
    public string Name => "echo";

    public ByocCapabilityInfo Info { get; } = new("echo", capacity, new Price(pricePerSecond, 1));

    public List<ByocStreamRequest> Started { get; } = [];

    public async ValueTask<ByocJobResponse> ProcessJobAsync(ByocJobRequest request, CancellationToken cancellationToken)
    {
        var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return new ByocJobResponse(200, request.ContentType ?? "application/octet-stream", copy);
    }

    public ValueTask<IByocStreamSession> StartStreamAsync(ByocStreamRequest request, CancellationToken cancellationToken)
    {
        lock (Started)
        {
            Started.Add(request);
        }

        return ValueTask.FromResult<IByocStreamSession>(new Session(request.StreamId, channels.OpenSubscriber(request.Channels.Control.Name), channels.OpenPublisher(request.Channels.Events.Name)));
    }

    private sealed class Session : IByocStreamSession
    {
        private readonly CancellationTokenSource _stop = new();

        public Session(string streamId, ISegmentSubscriber control, ISegmentPublisher events)
        {
            StreamId = streamId;
            Completion = Task.Run(async () =>
            {
                try
                {
                    while (await control.NextSegmentAsync(_stop.Token) is { } segment)
                    {
                        await using (segment)
                        {
                            await events.WriteSegmentAsync(await segment.ReadAllAsync(1 << 20, _stop.Token), _stop.Token);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    await control.DisposeAsync();
                    await events.DisposeAsync();
                }
            });
        }

        public string StreamId { get; }

        public Task Completion { get; }

        public List<string> Updates { get; } = [];

        public ValueTask UpdateParamsAsync(string paramsJson, CancellationToken cancellationToken)
        {
            Updates.Add(paramsJson);
            return ValueTask.CompletedTask;
        }

        public async ValueTask StopAsync(string? reason, CancellationToken cancellationToken)
        {
            await _stop.CancelAsync();
            await Completion;
        }

        public ValueTask DisposeAsync() => StopAsync(null, CancellationToken.None);
    }
}
