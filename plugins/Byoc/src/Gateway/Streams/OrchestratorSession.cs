using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// One attempt of a stream on one orchestrator: the start call, then the attempt's parts — video in
/// (<see cref="IngestPublisher"/>), video out into the stream's <see cref="OutputRelay"/>, control, events, data and
/// payments — under one cancellation. The first part to fail (or the watchdog, through <see cref="Fail"/>) decides
/// <see cref="Failure"/>; <see cref="EndAsync"/> cancels everything, waits for it, and tells the orchestrator to stop.
/// </summary>
internal sealed class OrchestratorSession
{
    private readonly GatewayStream _stream;
    private readonly OrchestratorToken _token;
    private readonly StreamServices _services;
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource<string> _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _parts = [];
    private IngestPublisher? _ingest;
    private ControlChannel? _control;
    private long _startedAt = -1;
    private int _startSent;
    private int _ended;

    public OrchestratorSession(GatewayStream stream, OrchestratorToken token, StreamServices services)
    {
        _stream = stream;
        _token = token;
        _services = services;
        Payments = new StreamPayments(stream, token.Orchestrator, services);
        services.Counters.Open(StreamResource.Sessions);
    }

    public Uri Orchestrator => _token.Orchestrator;

    /// <summary>Completes with the reason the orchestrator is given up.</summary>
    public Task<string> Failure => _failure.Task;

    public StreamPayments Payments { get; }

    /// <summary>The timestamp its channels went live; <c>null</c> while starting.</summary>
    public long? StartedAt => Interlocked.Read(ref _startedAt) is var at and >= 0 ? at : null;

    public long ControlMessages => _control?.Sent ?? 0;

    public int InFlightSegments => _ingest?.InFlight ?? 0;

    /// <summary>Gives the orchestrator up (the first reason counts).</summary>
    public void Fail(string reason) => _failure.TrySetResult(reason);

    /// <summary>Queues an update on the control channel (no-op before the channels are live).</summary>
    public void SendControl(string json) => _control?.Send(json);

    /// <summary>Starts the stream on the orchestrator and its parts; returns the failure, or <c>null</c> when the stream is ending.</summary>
    public async Task<string?> RunAsync(CancellationToken streamStopping)
    {
        using var link = CancellationTokenSource.CreateLinkedTokenSource(streamStopping, _cancel.Token);
        SessionChannels channels;
        try
        {
            Interlocked.Exchange(ref _startSent, 1);
            channels = await _services.Api.StartAsync(_stream, _token, link.Token).ConfigureAwait(false);
        }
        catch (OrchestratorStartException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (streamStopping.IsCancellationRequested)
        {
            return null;
        }

        Interlocked.Exchange(ref _startedAt, _services.Time.GetTimestamp());
        StartParts(channels);
        _stream.Running();
        GatewayLog.LegStarted(_services.Logger, _stream.Id, Orchestrator);
        try
        {
            return await _failure.Task.WaitAsync(streamStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Ends the attempt once: parts cancelled and awaited, channel clients closed, then <c>/ai/stream/stop</c> with
    /// <paramref name="stopBody"/> when the start was sent. Returns the orchestrator's answer to the stop.
    /// </summary>
    public async Task<OrchestratorAnswer?> EndAsync(string stopBody)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
        {
            return null;
        }

        if (_ingest is not null)
        {
            _stream.Ingest.SetSink(null);
        }

        await _cancel.CancelAsync().ConfigureAwait(false);
        Task[] parts;
        lock (_parts)
        {
            parts = [.. _parts];
        }

        await Task.WhenAll(parts).ConfigureAwait(false);
        if (_ingest is not null)
        {
            await _ingest.DisposeAsync().ConfigureAwait(false);
        }

        if (_control is not null)
        {
            await _control.DisposeAsync().ConfigureAwait(false);
        }

        OrchestratorAnswer? answer = null;
        if (Volatile.Read(ref _startSent) == 1)
        {
            answer = await _services.Api.StopAsync(_stream, Orchestrator, stopBody, CancellationToken.None).ConfigureAwait(false);
            if (answer is null)
            {
                GatewayLog.StopFailed(_services.Logger, _stream.Id, Orchestrator, "unreachable");
            }
        }

        _cancel.Dispose();
        _services.Counters.Close(StreamResource.Sessions);
        return answer;
    }

    private void StartParts(SessionChannels channels)
    {
        var clients = _services.Channels!;
        var options = _services.Options;
        var token = _cancel.Token;
        if (channels.VideoIn is { } videoIn)
        {
            _ingest = new IngestPublisher(clients.OpenPublisher(videoIn, "video/mp2t"), options.MaxInFlightSegments, Fail, _services.Counters, _services.Logger, _stream.Id);
            Run(async () =>
            {
                await _ingest.RunAsync(token).ConfigureAwait(false);
                return null;
            });
            _stream.Ingest.SetSink(_ingest);
        }

        _control = new ControlChannel(clients.OpenPublisher(channels.Control, MediaContentTypes.Json), _stream.Params, _services.Time, options.KeepAliveInterval, _services.Counters);
        Run(async () => await _control.RunAsync(token).ConfigureAwait(false));
        Subscribe(channels.Events, sub => _stream.Events.FollowAsync(sub, Unreadable("events"), token));
        if (channels.VideoOut is { } videoOut)
        {
            Subscribe(videoOut, sub => _stream.Output.FollowAsync(sub, options.MaxSegmentBytes, token));
        }

        if (channels.Data is { } data && _stream.Data is { } feed)
        {
            Subscribe(data, sub => feed.FollowAsync(sub, options.MaxDataLineBytes, Unreadable("data"), token));
        }

        Run(() => Payments.RunAsync(token));
    }

    private void Subscribe(Uri url, Func<ISegmentSubscriber, Task<string>> follow)
    {
        Run(async Task<string?> () =>
        {
            // From the first segment: the orchestrator made these channels for this attempt, and what the worker wrote
            // before this request reached the server (its first status event, its first output) must not be skipped
            // as a subscription at the live edge (-1) would.
            var subscriber = _services.Channels!.OpenSubscriber(url, startSequence: 0);
            _services.Counters.Open(StreamResource.ChannelSubscribers);
            try
            {
                return await follow(subscriber).ConfigureAwait(false);
            }
            finally
            {
                await subscriber.DisposeAsync().ConfigureAwait(false);
                _services.Counters.Close(StreamResource.ChannelSubscribers);
            }
        });
    }

    // Each part runs until cancelled; a part that ends by itself or fails gives the orchestrator up.
    private void Run(Func<Task<string?>> part)
    {
        var task = _services.Counters.Run(
            async () =>
            {
                try
                {
                    if (await part().ConfigureAwait(false) is { } reason)
                    {
                        Fail(reason);
                    }
                }
                catch (SegmentChannelException e)
                {
                    Fail(e.Message);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Fail(e.Message);
                    throw;
                }
            },
            _services.Logger,
            _stream.Id);
        lock (_parts)
        {
            _parts.Add(task);
        }
    }

    private Action<string> Unreadable(string channel) => reason => GatewayLog.Unreadable(_services.Logger, _stream.Id, channel, reason);
}
