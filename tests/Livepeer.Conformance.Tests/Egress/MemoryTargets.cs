using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Livepeer.Conformance.Tests.Egress;

/// <summary>The "far side" of <see cref="MemoryEgress"/>: what arrived at each <c>memory://</c> target.</summary>
public sealed class MemoryTargets
{
    private readonly ConcurrentDictionary<Uri, Channel<byte[]>> _targets = new();

    public ChannelWriter<byte[]> Writer(Uri target) => Get(target).Writer;

    public async ValueTask<IReadOnlyList<byte[]>> ReadAsync(Uri target, int count, CancellationToken cancellationToken)
    {
        var reader = Get(target).Reader;
        var delivered = new List<byte[]>();
        while (delivered.Count < count)
        {
            delivered.Add(await reader.ReadAsync(cancellationToken));
        }

        return delivered;
    }

    private Channel<byte[]> Get(Uri target) => _targets.GetOrAdd(target, _ => Channel.CreateUnbounded<byte[]>());
}
