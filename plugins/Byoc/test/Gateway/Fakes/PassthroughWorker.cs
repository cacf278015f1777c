using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Byoc.Tests.Fakes;
using Livepeer.Plugins.Trickle.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;

/// <summary>
/// A BYOC worker that really moves media, on the real trickle HTTP clients: on <c>/stream/start</c> it reads
/// <c>subscribe_url</c> and republishes each segment unchanged to <c>publish_url</c>, writes one event (a <c>status</c> first,
/// then a heartbeat per segment) and one data line per segment, and records every control message. A test can stall its
/// output, silence its events, or make its start fail through <see cref="Http"/>'s answers.
/// </summary>
internal sealed class PassthroughWorker : IAsyncDisposable
{
    private readonly TrickleChannelClients _clients = new(new TrickleClientOptions(), TimeProvider.System, NullLogger.Instance);
    private readonly ConcurrentDictionary<string, Relay> _streams = new(StringComparer.Ordinal);

    private PassthroughWorker(FakeWorker http)
    {
        Http = http;
        http.OnCall = OnCallAsync;
    }

    public FakeWorker Http { get; }

    public Uri Url => Http.Url;

    /// <summary>Input segments stop being republished (events go on).</summary>
    public bool StallOutput { get; set; }

    /// <summary>No events are written.</summary>
    public bool Silent { get; set; }

    /// <summary>Input segments received, all streams.</summary>
    public int Received => _streams.Values.Sum(r => r.Received);

    /// <summary>Control messages received, in order.</summary>
    public ConcurrentQueue<string> Control { get; } = new();

    public static async Task<PassthroughWorker> StartAsync() => new(await FakeWorker.StartAsync());

    public async ValueTask DisposeAsync()
    {
        foreach (var relay in _streams.Values)
        {
            await relay.DisposeAsync();
        }

        await Http.DisposeAsync();
        _clients.Dispose();
    }

    private async Task OnCallAsync(FakeWorker.Call call)
    {
        if (call.Path == "/stream/start" && (!Http.Answers.TryGetValue(call.Path, out var answer) || answer.Status == 200))
        {
            using var body = JsonDocument.Parse(call.Body);
            var root = body.RootElement;
            var relay = new Relay(this, root);
            if (_streams.TryRemove(call.StreamId ?? "", out var old))
            {
                await old.DisposeAsync();
            }

            _streams[call.StreamId ?? ""] = relay;
            relay.Start();
        }
        else if (call.Path == "/stream/stop" && _streams.TryRemove(call.StreamId ?? "", out var stopped))
        {
            await stopped.DisposeAsync();
        }
    }

    private sealed class Relay(PassthroughWorker worker, JsonElement start) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _tasks = [];
        private readonly string? _in = Url(start, "subscribe_url");
        private readonly string? _out = Url(start, "publish_url");
        private readonly string? _data = Url(start, "data_url");
        private readonly string _events = Url(start, "events_url")!;
        private readonly string _control = Url(start, "control_url")!;
        private int _received;

        public int Received => Volatile.Read(ref _received);

        public void Start()
        {
            _tasks.Add(Task.Run(() => ControlAsync(_stop.Token)));
            _tasks.Add(Task.Run(() => MediaAsync(_stop.Token)));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await Task.WhenAll(_tasks);
            }
            catch (Exception e) when (e is OperationCanceledException or SegmentChannelException or IOException or HttpRequestException)
            {
            }
        }

        private static string? Url(JsonElement start, string name) =>
            start.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private async Task ControlAsync(CancellationToken cancellationToken)
        {
            await using var control = worker._clients.OpenSubscriber(new Uri(_control), 0);
            while (await control.NextSegmentAsync(cancellationToken) is { } segment)
            {
                await using (segment)
                {
                    var bytes = await segment.ReadAllAsync(1024 * 1024, cancellationToken);
                    worker.Control.Enqueue(Encoding.UTF8.GetString(bytes));
                }
            }
        }

        private async Task MediaAsync(CancellationToken cancellationToken)
        {
            var events = worker._clients.OpenPublisher(new Uri(_events), "application/json");
            await using var _ = events;
            var output = _out is null ? null : worker._clients.OpenPublisher(new Uri(_out), "video/MP2T");
            var data = _data is null ? null : worker._clients.OpenPublisher(new Uri(_data), "application/jsonl");
            try
            {
                if (!worker.Silent)
                {
                    await events.WriteJsonSegmentAsync(new { type = "status", state = "running" }, cancellationToken);
                }

                if (_in is null)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    return;
                }

                await using var input = worker._clients.OpenSubscriber(new Uri(_in), 0);
                while (await input.NextSegmentAsync(cancellationToken) is { } segment)
                {
                    byte[] bytes;
                    await using (segment)
                    {
                        bytes = await segment.ReadAllAsync(64 * 1024 * 1024, cancellationToken);
                    }

                    var n = Interlocked.Increment(ref _received);
                    if (output is not null && !worker.StallOutput)
                    {
                        await output.WriteSegmentAsync(bytes, cancellationToken);
                    }

                    if (!worker.Silent)
                    {
                        await events.WriteJsonSegmentAsync(new { type = "heartbeat", segment = n }, cancellationToken);
                    }

                    if (data is not null)
                    {
                        var writer = await data.BeginSegmentAsync(cancellationToken);
                        await using (writer)
                        {
                            await writer.WriteJsonLineAsync(new { segment = n, bytes = bytes.Length }, cancellationToken);
                        }
                    }
                }
            }
            finally
            {
                if (output is not null)
                {
                    await output.DisposeAsync();
                }

                if (data is not null)
                {
                    await data.DisposeAsync();
                }
            }
        }
    }
}
