using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Media;

namespace MyPlugin.Tests;

/// <summary>The conformance kit's egress facts, pushing into fresh temporary folders.</summary>
public sealed class MyPluginEgressTests : EgressConformanceTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "myplugin-egress-" + Guid.NewGuid().ToString("N"));
    private int _next;

    protected override ValueTask<IEgress> CreateEgressAsync(IMediaStreamHub hub, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IEgress>(new MyPluginEgress(hub));

    protected override Uri CreatePushTarget() => new Uri(Path.Combine(_root, $"target-{Interlocked.Increment(ref _next)}"));

    protected override async ValueTask<IReadOnlyList<byte[]>> ReadDeliveredAsync(Uri target, int expectedSegments, CancellationToken cancellationToken)
    {
        while (true)
        {
            var files = Directory.Exists(target.LocalPath)
                ? Directory.GetFiles(target.LocalPath).Where(f => !f.EndsWith(".partial", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
                : [];
            if (files.Count >= expectedSegments)
            {
                return [.. await Task.WhenAll(files.Select(f => File.ReadAllBytesAsync(f, cancellationToken)))];
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
