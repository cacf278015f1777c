using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Media;

namespace Livepeer.Conformance.Tests.Egress;

/// <summary>Reference push egress: copies a stream's segments to a <c>memory://</c> target in <see cref="MemoryTargets"/>.</summary>
public sealed class MemoryEgress(IMediaStreamHub hub, MemoryTargets targets) : IEgress
{
    public string Name => "memory-push";

    public IReadOnlyList<Uri> Endpoints => [];

    public bool CanPush(Uri target) => target.Scheme == "memory";

    public ValueTask<IEgressSession> PushAsync(EgressRequest request, CancellationToken cancellationToken)
    {
        if (!CanPush(request.Target))
        {
            throw new NotSupportedException($"'{Name}' cannot push to '{request.Target}'.");
        }

        var subscription = hub.Subscribe(request.StreamId, request.Rendition)
            ?? throw new KeyNotFoundException($"No stream '{request.StreamId}' is being published.");
        return ValueTask.FromResult<IEgressSession>(new Session(request.Target, subscription, targets));
    }

    private sealed class Session : IEgressSession
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly IStreamSubscription _subscription;

        public Session(Uri target, IStreamSubscription subscription, MemoryTargets targets)
        {
            Target = target;
            _subscription = subscription;
            Completion = PumpAsync(targets);
        }

        public Uri Target { get; }

        public Task Completion { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Completion;
            await _subscription.DisposeAsync();
            _stop.Dispose();
        }

        private async Task PumpAsync(MemoryTargets targets)
        {
            await Task.Yield();
            try
            {
                await foreach (var segment in _subscription.ReadAllAsync(_stop.Token))
                {
                    await targets.Writer(Target).WriteAsync(segment.Data.ToArray(), _stop.Token);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Disposed: the push ends normally.
            }
        }
    }
}
