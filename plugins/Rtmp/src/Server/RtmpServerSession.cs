using System.Security.Cryptography;
using System.Text;
using Livepeer.Abstractions.Media;
using Livepeer.Media;
using Livepeer.Media.Amf;
using Livepeer.Media.Flv;
using Livepeer.Plugins.Rtmp.Protocol;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>
/// The server side of one RTMP connection: handshake, NetConnection and NetStream commands (Adobe RTMP spec 1.0,
/// §7.2), then publishing into the hub or playing a hub stream. Bad input closes only this connection, with a log line.
/// </summary>
internal sealed class RtmpServerSession(RtmpServer server, ConnectionContext connection)
{
    private const uint MediaStreamId = 1;
    private static readonly HashSet<string> IgnoredCommands = new(StringComparer.Ordinal)
    {
        "getStreamLength", "_checkbw", "_result", "_error", "onBWDone", "receiveAudio", "receiveVideo", "pause", "seek", "FCSubscribe", "FCUnsubscribe",
    };

    private readonly string _remote = connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId;
    // Not linked to ConnectionClosed: Kestrel may signal it on the client's FIN while its last messages are still
    // buffered; reading to the end of the input is what ends a publish. Playback also watches ConnectionClosed.
    private readonly CancellationTokenSource _session = new();
    private RtmpConnection? _rtmp;
    private string _app = "";
    private string _tcUrl = "";
    private PublishSession? _publish;
    private ReceiveCoalescer.Connection? _coalescing;
    private IStreamSubscription? _play;
    private Task? _playTask;

    private ILogger Logger => server.Logger;

    public async Task RunAsync()
    {
        var idle = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_session.Token, idle.Token);
        var clean = false;
        try
        {
            idle.CancelAfter(server.Options.HandshakeTimeout);
            await RtmpHandshake.ServerAsync(connection.Transport, server.Random, linked.Token).ConfigureAwait(false);
            _rtmp = new RtmpConnection(connection.Transport, server.Options.MaxMessageBytes);
            while (true)
            {
                idle.CancelAfter(_publish is null && _play is null ? server.Options.HandshakeTimeout : server.Options.IdleTimeout);
                if (_play is not null)
                {
                    idle.CancelAfter(Timeout.InfiniteTimeSpan); // a player may stay silent
                }

                var message = await _rtmp.ReadAsync(linked.Token).ConfigureAwait(false);
                _coalescing?.OnReceived(_rtmp.BytesReceived);
                if (message is null || !await HandleAsync(message, linked.Token).ConfigureAwait(false))
                {
                    clean = true;
                    break;
                }
            }
        }
        catch (Exception e) when (e is RtmpProtocolException or MediaFormatException)
        {
            RtmpLog.ProtocolViolation(Logger, _remote, e.Message);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested)
        {
            RtmpLog.ProtocolViolation(Logger, _remote, "timed out");
        }
        catch (OperationCanceledException) when (_session.IsCancellationRequested)
        {
            clean = true;
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException or InvalidOperationException)
        {
            RtmpLog.ConnectionFailed(Logger, _remote, e);
        }
        finally
        {
            await CloseStreamsAsync(clean).ConfigureAwait(false);
            _rtmp?.Dispose();
            idle.Dispose();
            _session.Dispose();
        }
    }

    private async ValueTask<bool> HandleAsync(RtmpMessage message, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case RtmpMessageType.CommandAmf0 or RtmpMessageType.CommandAmf3:
                return await HandleCommandAsync(RtmpCommand.Parse(message), message.StreamId, cancellationToken).ConfigureAwait(false);
            case RtmpMessageType.DataAmf0:
                HandleData(message);
                return true;
            case RtmpMessageType.Video when _publish is not null:
                await _publish.OnVideoAsync(message.Timestamp, message.Payload, cancellationToken).ConfigureAwait(false);
                return true;
            case RtmpMessageType.Audio when _publish is not null:
                await _publish.OnAudioAsync(message.Timestamp, message.Payload, cancellationToken).ConfigureAwait(false);
                return true;
            case RtmpMessageType.Video or RtmpMessageType.Audio:
                throw new RtmpProtocolException("media before publish");
            default:
                return true; // AMF3 data, shared objects and aggregates are not used by this node's clients
        }
    }

    private void HandleData(RtmpMessage message)
    {
        var data = FlvScriptData.Parse(message.Payload.Span, RtmpCommand.Limits);
        var values = data.Values;
        if (data.Name == "@setDataFrame" && values.Count > 0 && values[0] is "onMetaData")
        {
            values = [.. values.Skip(1)];
        }
        else if (data.Name != "onMetaData")
        {
            return;
        }

        if (_publish is not null && values.Count > 0 && values[0] is AmfObject metadata)
        {
            _publish.OnMetadata(metadata);
        }
    }

    private async ValueTask<bool> HandleCommandAsync(RtmpCommand command, uint streamId, CancellationToken cancellationToken)
    {
        RtmpLog.Command(Logger, command.Name, _remote);
        switch (command.Name)
        {
            case "connect":
                var properties = command.CommandObject as AmfObject ?? throw new RtmpProtocolException("connect without a command object");
                _app = properties.GetString("app")?.Trim('/') ?? "";
                _tcUrl = properties.GetString("tcUrl") ?? "";
                await _rtmp!.SendAsync(
                    [
                        ControlMessages.WindowAcknowledgementSize(2_500_000),
                        ControlMessages.SetPeerBandwidth(2_500_000),
                        ControlMessages.SetChunkSize(server.Options.ChunkSize),
                        new RtmpCommand("_result", command.TransactionId, new AmfObject().Add("fmsVer", "FMS/3,0,1,123").Add("capabilities", 31.0),
                            [new AmfObject().Add("level", "status").Add("code", "NetConnection.Connect.Success").Add("description", "Connection succeeded.").Add("objectEncoding", 0.0)]).ToMessage(0),
                    ],
                    cancellationToken).ConfigureAwait(false);
                return true;
            case "releaseStream" or "FCPublish" or "FCUnpublish":
                if (command.Name == "FCUnpublish" && _publish is not null)
                {
                    await EndPublishAsync().ConfigureAwait(false);
                }

                await ResultAsync(command, null, cancellationToken).ConfigureAwait(false);
                return true;
            case "createStream":
                await ResultAsync(command, (double)MediaStreamId, cancellationToken).ConfigureAwait(false);
                return true;
            case "publish":
                return await PublishAsync(command.StringArgument(0) ?? "", cancellationToken).ConfigureAwait(false);
            case "play":
                return await PlayAsync(command.StringArgument(0) ?? "", cancellationToken).ConfigureAwait(false);
            case "deleteStream" or "closeStream":
                await EndPublishAsync().ConfigureAwait(false);
                return _play is null; // a player that closes its stream is done
            default:
                return IgnoredCommands.Contains(command.Name)
                    ? true
                    : throw new RtmpProtocolException($"unknown command '{Truncate(command.Name)}'");
        }
    }

    private async ValueTask<bool> PublishAsync(string name, CancellationToken cancellationToken)
    {
        if (_publish is not null || _play is not null || _tcUrl.Length == 0 && _app.Length == 0 && name.Length == 0)
        {
            throw new RtmpProtocolException("publish in the wrong state");
        }

        var (manifestId, key) = StreamNaming.Parse(_app + "/" + name);
        if (!server.Sessions.TryAcquire())
        {
            return await RefusePublishAsync(name, "NetStream.Publish.Rejected", $"the limit of {server.Settings.MaxSessions} sessions is reached", cancellationToken).ConfigureAwait(false);
        }

        IStreamPublication publication;
        try
        {
            var url = StreamUrl(name);
            var decision = await server.Webhook.AuthenticateAsync(url, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                RtmpLog.WebhookRefused(Logger, url, decision.Reason ?? "refused");
                server.Sessions.Release();
                return await RefusePublishAsync(name, "NetStream.Publish.Rejected", "refused by the auth webhook", cancellationToken).ConfigureAwait(false);
            }

            // §9.1 precedence: webhook response, then URL, then random
            manifestId = decision.ManifestId ?? (manifestId.Length > 0 ? manifestId : StreamNaming.RandomManifestId(server.Random));
            key = decision.StreamKey ?? (key.Length > 0 ? key : StreamNaming.RandomStreamKey(server.Random));
            var descriptor = new StreamDescriptor(manifestId, RtmpPlugin.Name)
            {
                StreamKey = key,
                Profiles = decision.Profiles ?? server.Settings.TranscodingProfiles,
                Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["remote"] = _remote, ["url"] = url },
            };
            publication = await server.Hub.PublishAsync(descriptor, cancellationToken).ConfigureAwait(false);
        }
        catch (StreamConflictException)
        {
            server.Sessions.Release();
            return await RefusePublishAsync(name, "NetStream.Publish.BadName", $"stream '{manifestId}' is already being published", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            server.Sessions.Release();
            throw;
        }

        _publish = new PublishSession(publication, server.Sessions, server.Options.SegmentDuration);
        _coalescing = server.Coalescer.Start(connection.Features.Get<IConnectionSocketFeature>()?.Socket);
        RtmpLog.PublishStarted(Logger, manifestId, _remote, _app, name);
        await _rtmp!.SendAsync(
            [
                ControlMessages.UserControl(UserControlEvent.StreamBegin, MediaStreamId),
                RtmpCommand.OnStatus("status", "NetStream.Publish.Start", $"{manifestId} is now published.").ToMessage(MediaStreamId),
            ],
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async ValueTask<bool> RefusePublishAsync(string name, string code, string reason, CancellationToken cancellationToken)
    {
        RtmpLog.PublishRefused(Logger, name, reason);
        await _rtmp!.SendAsync(RtmpCommand.OnStatus("error", code, reason), MediaStreamId, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private async ValueTask<bool> PlayAsync(string name, CancellationToken cancellationToken)
    {
        if (_publish is not null || _play is not null)
        {
            throw new RtmpProtocolException("play in the wrong state");
        }

        // §9.1: rtmp://host/<manifest>/<key>; the key is required when the stream has one
        var (manifestId, key) = StreamNaming.Parse(_app + "/" + name);
        var subscription = server.Hub.Subscribe(manifestId);
        if (subscription is null || !KeyMatches(subscription.Descriptor.StreamKey, key))
        {
            if (subscription is not null)
            {
                await subscription.DisposeAsync().ConfigureAwait(false);
            }

            RtmpLog.PlayRefused(Logger, name, subscription is null ? "no such stream" : "wrong stream key");
            await _rtmp!.SendAsync(RtmpCommand.OnStatus("error", "NetStream.Play.StreamNotFound", "No such stream."), MediaStreamId, cancellationToken).ConfigureAwait(false);
            return false;
        }

        _play = subscription;
        RtmpLog.PlayStarted(Logger, manifestId, _remote);
        await _rtmp!.SendAsync(
            [
                ControlMessages.UserControl(UserControlEvent.StreamBegin, MediaStreamId),
                RtmpCommand.OnStatus("status", "NetStream.Play.Reset", "Playing and resetting.").ToMessage(MediaStreamId),
                RtmpCommand.OnStatus("status", "NetStream.Play.Start", "Started playing.").ToMessage(MediaStreamId),
                new RtmpMessage(RtmpMessageType.DataAmf0, 0, MediaStreamId, Amf0Writer.Encode("|RtmpSampleAccess", true, true)) { ChunkStreamId = ChunkStreams.Data },
            ],
            cancellationToken).ConfigureAwait(false);
        var rtmp = _rtmp;
        var session = _session;
        var playing = CancellationTokenSource.CreateLinkedTokenSource(session.Token, connection.ConnectionClosed);
        _playTask = Task.Run(
            async () =>
            {
                try
                {
                    await PlaybackPump.RunAsync(subscription, rtmp, MediaStreamId, Logger, playing.Token).ConfigureAwait(false);
                    await rtmp.SendAsync(
                        [
                            ControlMessages.UserControl(UserControlEvent.StreamEof, MediaStreamId),
                            RtmpCommand.OnStatus("status", "NetStream.Play.UnpublishNotify", "The stream ended.").ToMessage(MediaStreamId),
                        ],
                        playing.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
                {
                    // the player went away or the session is closing
                }
                finally
                {
                    playing.Dispose();
                    try
                    {
                        await session.CancelAsync().ConfigureAwait(false); // the stream ended: close the connection
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            },
            CancellationToken.None);
        return true;
    }

    private static bool KeyMatches(string? expected, string given) =>
        string.IsNullOrEmpty(expected)
        || CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private ValueTask ResultAsync(RtmpCommand command, object? value, CancellationToken cancellationToken) =>
        command.TransactionId == 0
            ? ValueTask.CompletedTask
            : _rtmp!.SendAsync(new RtmpCommand("_result", command.TransactionId, null, [value]), 0, cancellationToken);

    private string StreamUrl(string name)
    {
        var baseUrl = _tcUrl.Length > 0 ? _tcUrl.TrimEnd('/') : $"rtmp://{connection.LocalEndPoint}/{_app}";
        return name.Length > 0 ? baseUrl + "/" + name : baseUrl;
    }

    private async ValueTask EndPublishAsync()
    {
        StopCoalescing();
        if (_publish is { } publish)
        {
            _publish = null;
            await publish.EndAsync(complete: true).ConfigureAwait(false);
            RtmpLog.PublishEnded(Logger, publish.Descriptor.StreamId, publish.SegmentsWritten);
        }
    }

    private void StopCoalescing()
    {
        _coalescing?.Dispose();
        _coalescing = null;
    }

    private async ValueTask CloseStreamsAsync(bool clean)
    {
        StopCoalescing();
        if (_publish is { } publish)
        {
            _publish = null;
            await publish.EndAsync(complete: clean).ConfigureAwait(false);
            RtmpLog.PublishEnded(Logger, publish.Descriptor.StreamId, publish.SegmentsWritten);
        }

        if (_play is { } play)
        {
            _play = null;
            await _session.CancelAsync().ConfigureAwait(false);
            if (_playTask is not null)
            {
                await _playTask.ConfigureAwait(false);
            }

            await play.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
