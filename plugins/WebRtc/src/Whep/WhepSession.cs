using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Sessions;

namespace Livepeer.Plugins.WebRtc.Whep;

/// <summary>
/// One WHEP viewer: starts at the output's newest segment (it begins with PAT/PMT and a keyframe, so the first
/// frame decodes at once), then follows the live segments, demuxes them and hands the frames, paced by their
/// timestamps, to the peer. When the output stream ends (an orchestrator swap, a re-published input) the session
/// waits for the next output of the same stream and carries on with the same peer: the player is not asked to
/// reconnect; the stack keeps RTP timestamps continuous.
/// </summary>
internal sealed class WhepSession : WebRtcSession
{
    private readonly IWhepPeer _peer;
    private readonly StreamOutputs _outputs;
    private readonly WebRtcSessions _registry;
    private readonly WebRtcOptions _options;
    private readonly TimeProvider _time;
    private readonly FramePacer _pacer;
    private MediaSegment? _first;
    private IStreamSubscription? _subscription;
    private long _frames;
    private long _segments;
    private string _state = "connecting";

    public WhepSession(string id, string stream, IWhepPeer peer, MediaSegment first, IStreamSubscription subscription, StreamOutputs outputs, WebRtcSessions registry, WebRtcOptions options, TimeProvider time)
        : base(id, stream, time.GetUtcNow())
    {
        _peer = peer;
        _first = first;
        _subscription = subscription;
        _outputs = outputs;
        _registry = registry;
        _options = options;
        _time = time;
        _pacer = new FramePacer(time);
    }

    public override string Kind => "whep";

    public long FramesSent => Interlocked.Read(ref _frames);

    public override WebRtcSessionStatus Status()
    {
        var (received, sent) = _peer.Bytes;
        return new WebRtcSessionStatus(Id, Kind, Stream, _state, StartedAt)
        {
            BytesReceived = received,
            BytesSent = sent,
            FramesSent = FramesSent,
            Viewer = _peer.Feedback,
            Segments = Interlocked.Read(ref _segments),
            EndReason = EndReason,
        };
    }

    protected override async Task RunAsync()
    {
        var stopping = Stopping;
        if (!await ConnectAsync(_peer, _options.ConnectTimeout, _time).ConfigureAwait(false))
        {
            return;
        }

        _state = "playing";
        using var playing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using var onClose = _peer.Closed.ContinueWith(_ => playing.Cancel(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await PlayAllAsync(playing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_peer.Closed.IsCompleted && !stopping.IsCancellationRequested)
        {
            EndReason = "peer closed";
        }
    }

    private async Task PlayAllAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var lastSequence = _first!.Sequence;
            await PlayAsync(_first, stopping).ConfigureAwait(false);
            await foreach (var segment in _subscription!.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                if (segment.Sequence <= lastSequence && segment.Sequence != 0)
                {
                    continue; // already played from the cache
                }

                lastSequence = segment.Sequence;
                await PlayAsync(segment, stopping).ConfigureAwait(false);
            }

            // The output ended: wait for the stream's next output (swap / re-publish) on the same peer.
            await _subscription.DisposeAsync().ConfigureAwait(false);
            _subscription = null;
            _state = "waiting for output";
            var output = await _outputs.WaitForOutputAsync(Stream, _options.WhepOutputTimeout, _time, stopping).ConfigureAwait(false);
            if (output is null || _outputs.Hub?.Subscribe(output) is not { } next || _outputs.Latest(output) is not { } latest)
            {
                EndReason = "the stream ended";
                return;
            }

            _peer.StartNewSource();
            _subscription = next;
            _first = latest;
            _state = "playing";
        }
    }

    protected override async ValueTask ReleaseAsync()
    {
        _state = "ended";
        _registry.ReleaseViewer(Stream);
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }

        await _peer.DisposeAsync().ConfigureAwait(false);
    }

    private async Task PlayAsync(MediaSegment segment, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _segments);
        foreach (var packet in _peer.Packetize(segment.Data))
        {
            if (packet.StartsFrame)
            {
                var delay = _pacer.DelayFor(packet.MediaTime);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }

                Interlocked.Increment(ref _frames);
            }

            await _peer.SendAsync(packet, cancellationToken).ConfigureAwait(false);
        }
    }
}
