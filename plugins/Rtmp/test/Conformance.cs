using System.Buffers;
using System.Text.Json;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Livepeer.Media.Amf;
using Livepeer.Media.Flv;
using Livepeer.Plugins.Rtmp.Client;
using Livepeer.Plugins.Rtmp.Media;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>The kit's ingest facts over real RTMP: each payload is one GOP of the ffmpeg fixture as an FLV file.</summary>
public sealed class RtmpIngestConformanceTests : IngestConformanceTests
{
    private RtmpTestServer? _server;

    protected override bool PreservesSegmentBoundaries => false;

    protected override TimeSpan Timeout => TimeSpan.FromSeconds(20);

    protected override async ValueTask<IIngest> StartIngestAsync(IMediaStreamHub hub, CancellationToken cancellationToken)
    {
        _server = await RtmpTestServer.StartAsync(hub);
        return _server.Services.GetRequiredService<IIngest>();
    }

    protected override async ValueTask StopIngestAsync(IIngest ingest) => await _server!.DisposeAsync();

    protected override IReadOnlyList<byte[]> CreateSegments(int count, byte marker) => TestMedia.FlvGops(count);

    protected override async ValueTask PublishAsync(IIngest ingest, string streamName, IReadOnlyList<byte[]> segments, CancellationToken cancellationToken)
    {
        var client = await RtmpClient.PublishAsync(new Uri(ingest.Endpoints[0], streamName), new SeededRandomSource(1), 4096, cancellationToken);
        await using (client)
        {
            foreach (var payload in segments)
            {
                await TestMedia.SendFlvAsync(client, payload, cancellationToken);
            }

            await client.CloseAsync(cancellationToken);
        }
    }
}

/// <summary>The kit's egress facts: the egress pushes to a second RTMP server whose hub records what arrives.</summary>
public sealed class RtmpEgressConformanceTests : EgressConformanceTests
{
    private readonly RecordingHub _targetHub = new();
    private RtmpTestServer? _target;
    private int _targets;

    protected override bool PreservesSegmentBoundaries => false;

    protected override TimeSpan Timeout => TimeSpan.FromSeconds(20);

    protected override async ValueTask<IEgress> CreateEgressAsync(IMediaStreamHub hub, CancellationToken cancellationToken)
    {
        _target = await RtmpTestServer.StartAsync(_targetHub);
        return new RtmpEgress(hub, new SeededRandomSource(3), NullLogger.Instance, server: null);
    }

    protected override async ValueTask StopEgressAsync(IEgress egress) => await _target!.DisposeAsync();

    protected override Uri CreatePushTarget() => _target is null
        ? new Uri("rtmp://127.0.0.1:1/unused")
        : _target.Url($"pushed{Interlocked.Increment(ref _targets)}");

    protected override IReadOnlyList<byte[]> CreateSegments(int count) => TestMedia.TsSegments(count);

    protected override async ValueTask<IReadOnlyList<byte[]>> ReadDeliveredAsync(Uri target, int expectedSegments, CancellationToken cancellationToken)
    {
        var streamId = target.AbsolutePath.Trim('/');
        while (true)
        {
            var segments = _targetHub.SegmentsOf(streamId);
            if (segments.Count > 0)
            {
                return [.. segments.Select(s => s.Data.ToArray())];
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}

/// <summary>The kit's plugin facts against <see cref="RtmpPlugin"/>.</summary>
public sealed class RtmpPluginConformanceTests : PluginConformanceTests<RtmpPlugin>
{
}

/// <summary>Test media made from the ffmpeg fixture.</summary>
internal static class TestMedia
{
    /// <summary><paramref name="count"/> GOPs (1 s each) as FLV files with continuous timestamps; sequence headers in the first.</summary>
    public static IReadOnlyList<byte[]> FlvGops(int count)
    {
        var gops = Ffmpeg.FixtureGopsAsync().GetAwaiter().GetResult();
        var files = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var gop = gops[i % gops.Count];
            var start = gop.First(t => t.Type == FlvTagType.Video && FlvVideoData.Parse(t.Data).PacketType == AvcPacketType.Nalu).Timestamp;
            var output = new ArrayBufferWriter<byte>();
            FlvFile.WriteHeader(output, true, true);
            foreach (var tag in gop.Where(t => t.Type != FlvTagType.ScriptData))
            {
                var relative = (long)tag.Timestamp - start;
                FlvFile.WriteTag(output, tag with { Timestamp = (uint)Math.Max(0, (i * 1000) + relative) });
            }

            files.Add(output.WrittenSpan.ToArray());
        }

        return files;
    }

    /// <summary>The fixture cut into 1 s MPEG-TS segments by the plugin's own FLV → TS path (at most 4).</summary>
    public static IReadOnlyList<byte[]> TsSegments(int count)
    {
        var (_, _, tags) = FlvFile.Read(Ffmpeg.FixtureFlvAsync().GetAwaiter().GetResult());
        var converter = new FlvToSegments(TimeSpan.FromSeconds(1));
        foreach (var tag in tags)
        {
            if (tag.Type == FlvTagType.Video)
            {
                converter.OnVideo(tag.Timestamp, tag.Data);
            }
            else if (tag.Type == FlvTagType.Audio)
            {
                converter.OnAudio(tag.Timestamp, tag.Data);
            }
        }

        converter.Complete();
        return [.. converter.TakeCompleted().Take(count).Select(s => s.Data.ToArray())];
    }

    public static async Task SendFlvAsync(RtmpClient client, byte[] file, CancellationToken cancellationToken)
    {
        foreach (var tag in FlvFile.Read(file).Tags)
        {
            if (tag.Type == FlvTagType.ScriptData)
            {
                var script = FlvScriptData.Parse(tag.Data.Span);
                if (script.Values.Count > 0 && script.Values[0] is AmfObject metadata)
                {
                    await client.SendMetadataAsync(metadata, cancellationToken);
                }

                continue;
            }

            await client.SendAsync(new FlvMediaTag(tag.Type, tag.Timestamp, tag.Data), cancellationToken);
        }
    }
}
