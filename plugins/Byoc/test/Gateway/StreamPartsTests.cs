using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.Byoc.Gateway;
using Livepeer.Plugins.Byoc.Gateway.Streams;
using Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.Byoc.Tests.Gateway;

/// <summary>The small parts of gateway streams on their own: the start body, the URLs, the data feed, swaps, events.</summary>
public sealed class StreamPartsTests
{
    [Theory]
    [InlineData("", null, null, null)]
    [InlineData("{}", null, null, null)]
    [InlineData("""{"stream_name":"cam","stream_id":"","params":"","rtmp_output":""}""", "cam", null, null)]
    [InlineData("""{"params":"{\"u\":1}"}""", null, null, """{"u":1}""")]
    [InlineData("""{"params":{"u":1,"nested":{"a":[1]}}}""", null, null, """{"u":1,"nested":{"a":[1]}}""")]
    [InlineData("""{"params":null,"stream_id":"abc","unknown":[1,2]}""", null, "abc", null)]
    public void Start_bodies_are_read_in_upstreams_form_and_as_objects(string body, string? name, string? id, string? parameters)
    {
        var start = StreamStartBody.Parse(body);
        Assert.Equal(name, start.StreamName);
        Assert.Equal(id, start.StreamId);
        Assert.Equal(parameters, start.ParamsJson);
        Assert.Empty(start.RtmpOutputs);
    }

    [Fact]
    public void Rtmp_outputs_may_be_a_comma_separated_list_of_at_most_eight()
    {
        var start = StreamStartBody.Parse("""{"rtmp_output":"rtmp://a.example/live/k1, rtmp://b.example/app/k2"}""");
        Assert.Equal(["rtmp://a.example/live/k1", "rtmp://b.example/app/k2"], start.RtmpOutputs.Select(u => u.ToString()));
        var many = string.Join(',', Enumerable.Range(0, 9).Select(i => $"rtmp://h{i}.example/a/b"));
        Assert.Throws<StreamRequestException>(() => StreamStartBody.Parse($$"""{"rtmp_output":"{{many}}"}"""));
    }

    [Fact]
    public void Urls_name_only_the_ways_in_and_out_the_node_has()
    {
        var flags = new ByocStreamFlags(VideoIngress: true, VideoEgress: true, DataOutput: false);
        var none = new StreamAddresses(new GatewayOptions(), null, [], []);
        var bare = none.For("s1", flags, [], new Uri("http://gw.example:9935"));
        Assert.Equal(("", "", "", ""), (bare.WhipUrl, bare.WhepUrl, bare.RtmpUrl, bare.RtmpOutputUrl));
        Assert.Equal("http://gw.example:9935/process/stream/s1/status", bare.StatusUrl);
        Assert.Equal("", bare.DataUrl);

        var all = new StreamAddresses(
            new GatewayOptions(),
            null,
            [new NamedIngest("whip", []), new NamedIngest("rtmp", [new Uri("rtmp://127.0.0.1:1935/")])],
            [new NamedEgress("whep"), new NamedEgress("rtmp")]);
        var urls = all.For("s1", flags, [new Uri("rtmp://cdn.example/live/key")], new Uri("http://gw.example:9935"));
        Assert.Equal("http://gw.example:9935/process/stream/s1/whip", urls.WhipUrl);
        Assert.Equal("http://gw.example:9935/process/stream/s1/whep", urls.WhepUrl);
        Assert.Equal("rtmp://127.0.0.1:1935/s1", urls.RtmpUrl);
        Assert.Equal("rtmp://cdn.example/live/key,rtmp://127.0.0.1:1935/s1-out", urls.RtmpOutputUrl);

        // PublicUrl and RtmpUrl win over what the request and the plugins say; no egress flag, no output URLs.
        var configured = new StreamAddresses(new GatewayOptions { PublicUrl = new Uri("https://gw.public/"), RtmpUrl = "rtmp://media.public:1935" }, null, [], []);
        var public_ = configured.For("s2", flags with { VideoEgress = false }, [], new Uri("http://127.0.0.1:9935"));
        Assert.Equal("https://gw.public/process/stream/s2/stop", public_.StopUrl);
        Assert.Equal("rtmp://media.public:1935/s2", public_.RtmpUrl);
        Assert.Equal("", public_.RtmpOutputUrl);
        Assert.Equal("""{"stream_id":"s2","whip_url":"","whep_url":"","rtmp_url":"rtmp://media.public:1935/s2","rtmp_output_url":"","update_url":"https://gw.public/process/stream/s2/update","status_url":"https://gw.public/process/stream/s2/status","data_url":"","stop_url":"https://gw.public/process/stream/s2/stop"}""", JsonSerializer.Serialize(public_));
    }

    [Fact]
    public async Task The_data_feed_replays_what_a_reader_missed_drops_for_slow_readers_and_limits_readers()
    {
        var counters = new StreamCounters();
        var feed = new DataFeed(bufferLines: 3, maxReaders: 2, counters);
        for (var i = 1; i <= 5; i++)
        {
            feed.Add($$"""{"n":{{i}}}""");
        }

        var fresh = feed.Open(afterId: null)!;
        var resumed = feed.Open(afterId: 4)!;
        Assert.Null(feed.Open(null));
        Assert.Equal(2, counters[StreamResource.DataReaders]);
        feed.Add("""{"n":6}""");
        feed.Complete();
        feed.Add("""{"n":7}"""); // after the end: dropped

        Assert.Equal([4L, 5, 6], await Drain(fresh)); // 3 kept lines replayed, then 6 pushed out the oldest: a slow reader loses the oldest
        Assert.Equal([5L, 6], await Drain(resumed));
        feed.Close(fresh);
        feed.Close(resumed);
        feed.Close(resumed);
        Assert.Equal(0, counters[StreamResource.DataReaders]);
        Assert.Equal(6, feed.Lines);

        static async Task<List<long>> Drain(System.Threading.Channels.ChannelReader<DataLine> reader)
        {
            var ids = new List<long>();
            await foreach (var line in reader.ReadAllAsync())
            {
                ids.Add(line.Id);
            }

            return ids;
        }
    }

    [Fact]
    public void Swaps_are_limited_within_the_window()
    {
        var clock = new ManualTimeProvider();
        var swaps = new SwapHistory(maxSwaps: 2, TimeSpan.FromMinutes(1), clock);
        Assert.True(swaps.TryRecord());
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(swaps.TryRecord());
        Assert.False(swaps.TryRecord()); // a third within the minute
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(swaps.TryRecord()); // the first one left the window
        Assert.Equal(3, swaps.Total);
        Assert.False(new SwapHistory(0, TimeSpan.FromMinutes(1), clock).TryRecord());
    }

    [Theory]
    [InlineData("""{"type":"status","state":"ok"}""", true)]
    [InlineData("""{"queue_event_type":"ai_stream_status","event":{"type":"status"}}""", true)]
    [InlineData("""{"type":"heartbeat"}""", false)]
    [InlineData("""{"event":{"type":"heartbeat"},"queue_event_type":"stream_heartbeat"}""", false)]
    [InlineData("""{"type":7}""", false)]
    [InlineData("[1]", false)]
    public void Status_events_are_recognised_bare_and_in_an_envelope(string json, bool isStatus)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(isStatus, EventsWatch.IsStatus(document.RootElement));
        var watch = new EventsWatch(new ManualTimeProvider());
        watch.Record(document.RootElement);
        Assert.Equal(1, watch.Events);
        Assert.Equal(isStatus, watch.LastStatus is not null);
    }

    [Fact]
    public async Task An_orchestrator_that_leaves_too_many_segments_uploading_is_slow()
    {
        var publisher = new StuckPublisher();
        string? failure = null;
        var counters = new StreamCounters();
        var ingest = new IngestPublisher(publisher, maxInFlight: 3, reason => failure = reason, counters, NullLogger.Instance, "s");
        using var stop = new CancellationTokenSource();
        var run = ingest.RunAsync(stop.Token);
        var segment = new MediaSegment("s", 0, TimeSpan.FromSeconds(2), new byte[188]);
        for (var i = 0; i < 3; i++)
        {
            ingest.Send(segment);
        }

        await Wait.UntilAsync(() => ingest.InFlight == 3, "three uploads in flight");
        Assert.Null(failure);
        ingest.Send(segment);
        await Wait.UntilAsync(() => failure is not null, "the fourth segment to find the orchestrator slow");
        Assert.Equal("the orchestrator is slow: 3 input segments still uploading", failure);
        Assert.Equal(3, publisher.Begun);

        await stop.CancelAsync();
        await run;
        Assert.Equal(0, ingest.InFlight);
        await ingest.DisposeAsync();
        Assert.Equal(0, counters[StreamResource.ChannelPublishers]);
    }

    private sealed class StuckPublisher : ISegmentPublisher
    {
        private int _begun;

        public string ChannelName => "s";

        public int Begun => Volatile.Read(ref _begun);

        public ValueTask<ISegmentWriter> BeginSegmentAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<ISegmentWriter>(new StuckWriter(Interlocked.Increment(ref _begun) - 1));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private sealed class StuckWriter(long sequence) : ISegmentWriter
        {
            public long Sequence => sequence;

            public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => await Task.Delay(Timeout.Infinite, cancellationToken);

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private sealed class NamedIngest(string name, IReadOnlyList<Uri> endpoints) : IIngest
    {
        public string Name => name;

        public IReadOnlyList<Uri> Endpoints => endpoints;
    }

    private sealed class NamedEgress(string name) : IEgress
    {
        public string Name => name;

        public IReadOnlyList<Uri> Endpoints => [];

        public bool CanPush(Uri target) => name == "rtmp" && target.Scheme == "rtmp";

        public ValueTask<IEgressSession> PushAsync(EgressRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
