using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.Rtmp.Server;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Rtmp.Client;

/// <summary>One push in progress: hub segments → FLV → the remote RTMP server, until the stream ends or disposal.</summary>
internal sealed class RtmpPushSession : IEgressSession
{
    private readonly CancellationTokenSource _stop = new();
    private readonly IStreamSubscription _subscription;
    private readonly RtmpClient _client;

    public RtmpPushSession(EgressRequest request, IStreamSubscription subscription, RtmpClient client, ILogger logger)
    {
        Target = request.Target;
        _subscription = subscription;
        _client = client;
        Completion = Task.Run(() => RunAsync(request, logger));
    }

    /// <inheritdoc />
    public Uri Target { get; }

    /// <inheritdoc />
    public Task Completion { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the failure is reported through Completion and the log
        }

        _stop.Dispose();
    }

    private async Task RunAsync(EgressRequest request, ILogger logger)
    {
        try
        {
            await PlaybackPump.RunAsync(_subscription, _client.Connection, _client.StreamId, logger, _stop.Token).ConfigureAwait(false);
            await _client.CloseAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            RtmpLog.PushFailed(logger, request.StreamId, request.Target.ToString(), e);
            throw;
        }
        finally
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
