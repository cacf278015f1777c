using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Conformance.Tests.Byoc;

/// <summary>
/// Reference in-process capability: a job echoes its body; a stream copies its Subscribe channel to its
/// Publish channel, byte for byte as the bytes arrive.
/// </summary>
public sealed class EchoCapability(ISegmentChannels channels, int capacity = 2) : IByocCapability
{
    private readonly Lock _lock = new();
    private int _running;

    public string Name => "echo";

    public ByocCapabilityInfo Info => new(Name, capacity, new Price(1, 1)) { Description = "Copies its input to its output." };

    public async ValueTask<ByocJobResponse> ProcessJobAsync(ByocJobRequest request, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        body.Position = 0;
        return new ByocJobResponse(200, request.ContentType ?? "application/octet-stream", body);
    }

    public ValueTask<IByocStreamSession> StartStreamAsync(ByocStreamRequest request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_running >= capacity)
            {
                throw new ByocCapacityException($"'{Name}' is running {_running} of {capacity} streams.");
            }

            _running++;
        }

        return ValueTask.FromResult<IByocStreamSession>(new EchoStream(request, channels, Release));
    }

    private void Release()
    {
        lock (_lock)
        {
            _running--;
        }
    }
}
