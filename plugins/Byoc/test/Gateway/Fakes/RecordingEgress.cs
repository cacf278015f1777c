using System.Collections.Concurrent;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;

/// <summary>
/// An <c>rtmp</c> egress that pushes nowhere: each push subscribes to the hub stream as the Rtmp plugin's does and records
/// what it would send; a push can be made to fail once (the gateway then starts it again).
/// </summary>
internal sealed class RecordingEgress : IEgress
{
    public IMediaStreamHub? Hub { get; set; }

    public string Name => "rtmp";

    public IReadOnlyList<Uri> Endpoints => [];

    public ConcurrentQueue<EgressRequest> Pushes { get; } = new();

    public ConcurrentQueue<(Uri Target, long Sequence)> Sent { get; } = new();

    public int Open => Volatile.Read(ref _open);

    /// <summary>The next push fails at once.</summary>
    public bool FailNext { get; set; }

    private int _open;

    public bool CanPush(Uri target) => target.Scheme == "rtmp";

    public ValueTask<IEgressSession> PushAsync(EgressRequest request, CancellationToken cancellationToken)
    {
        Pushes.Enqueue(request);
        if (FailNext)
        {
            FailNext = false;
            throw new IOException("connection refused");
        }

        var subscription = Hub!.Subscribe(request.StreamId, request.Rendition) ?? throw new KeyNotFoundException(request.StreamId);
        return ValueTask.FromResult<IEgressSession>(new Session(this, request.Target, subscription));
    }

    private sealed class Session : IEgressSession
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly RecordingEgress _egress;

        public Session(RecordingEgress egress, Uri target, IStreamSubscription subscription)
        {
            _egress = egress;
            Target = target;
            Interlocked.Increment(ref egress._open);
            Completion = Task.Run(async () =>
            {
                await using (subscription)
                {
                    await foreach (var segment in subscription.ReadAllAsync(_stop.Token))
                    {
                        egress.Sent.Enqueue((target, segment.Sequence));
                    }
                }
            });
        }

        public Uri Target { get; }

        public Task Completion { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await Completion;
            }
            catch (OperationCanceledException)
            {
            }

            Interlocked.Decrement(ref _egress._open);
        }
    }
}
