using System.IO.Pipelines;
using System.Net.Sockets;
using Livepeer.Abstractions;
using Livepeer.Media.Amf;
using Livepeer.Plugins.Rtmp.Media;
using Livepeer.Plugins.Rtmp.Protocol;
using Livepeer.Plugins.Rtmp.Server;

namespace Livepeer.Plugins.Rtmp.Client;

/// <summary>
/// An RTMP publishing client (Adobe RTMP spec 1.0, §7.2: connect, releaseStream, FCPublish, createStream, publish),
/// on the same chunk and AMF0 code as the server. Used by the push-out egress and by tests.
/// </summary>
internal sealed class RtmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly DuplexPipe _pipe;
    private readonly RtmpConnection _connection;
    private readonly CancellationTokenSource _closing = new();
    private Task? _drain;
    private uint _streamId;
    private double _transaction = 1;

    private RtmpClient(Socket socket, int maxMessageBytes)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _pipe = new DuplexPipe(PipeReader.Create(_stream), PipeWriter.Create(_stream));
        _connection = new RtmpConnection(_pipe, maxMessageBytes);
    }

    /// <summary>The connection, to send media on <see cref="StreamId"/>.</summary>
    public RtmpConnection Connection => _connection;

    /// <summary>The message stream the server created for the publish.</summary>
    public uint StreamId => _streamId;

    /// <summary>Connects to <paramref name="target"/> (<c>rtmp://host[:port]/app/name…</c>) and publishes as its stream name.</summary>
    /// <exception cref="RtmpProtocolException">The server refused or broke the protocol.</exception>
    public static async Task<RtmpClient> PublishAsync(Uri target, IRandomSource random, int chunkSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (app, name) = SplitPath(target);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        RtmpClient? client = null;
        try
        {
            await socket.ConnectAsync(target.Host, target.IsDefaultPort || target.Port < 0 ? 1935 : target.Port, cancellationToken).ConfigureAwait(false);
            client = new RtmpClient(socket, 8 * 1024 * 1024);
            await RtmpHandshake.ClientAsync(client._pipe, random, cancellationToken).ConfigureAwait(false);
            await client.StartPublishAsync(target, app, name, chunkSize, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>Sends one audio or video body.</summary>
    public ValueTask SendAsync(FlvMediaTag tag, CancellationToken cancellationToken) =>
        _connection.SendAsync(PlaybackPump.ToMessage(tag, _streamId), cancellationToken);

    /// <summary>Sends <c>@setDataFrame onMetaData</c>.</summary>
    public ValueTask SendMetadataAsync(AmfObject metadata, CancellationToken cancellationToken) =>
        _connection.SendAsync(new RtmpMessage(RtmpMessageType.DataAmf0, 0, _streamId, Amf0Writer.Encode("@setDataFrame", "onMetaData", metadata)) { ChunkStreamId = ChunkStreams.Data }, cancellationToken);

    /// <summary>Ends the publish politely (FCUnpublish, deleteStream) and waits briefly for the server to close.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await _connection.SendAsync(
            [
                new RtmpCommand("FCUnpublish", _transaction++, null, [""]).ToMessage(0),
                new RtmpCommand("deleteStream", _transaction++, null, [(double)_streamId]).ToMessage(0),
            ],
            cancellationToken).ConfigureAwait(false);
        _socket.Shutdown(SocketShutdown.Send);
        if (_drain is not null)
        {
            await _drain.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes when the server closes the connection (faulted when it broke the protocol).</summary>
    public Task Closed => _drain ?? Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_drain is not null)
        {
            try
            {
                await _drain.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or RtmpProtocolException or ObjectDisposedException or SocketException)
            {
            }
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _connection.Dispose();
        _closing.Dispose();
    }

    private async Task StartPublishAsync(Uri target, string app, string name, int chunkSize, CancellationToken cancellationToken)
    {
        var tcUrl = $"{target.Scheme}://{target.Authority}/{app}";
        await _connection.SendAsync(
            [
                ControlMessages.SetChunkSize(chunkSize),
                new RtmpCommand("connect", _transaction++, new AmfObject()
                    .Add("app", app).Add("type", "nonprivate").Add("flashVer", "FMLE/3.0 (compatible; Livepeer)").Add("tcUrl", tcUrl), []).ToMessage(0),
            ],
            cancellationToken).ConfigureAwait(false);
        await ExpectResultAsync(1, cancellationToken).ConfigureAwait(false);

        var create = _transaction + 2;
        await _connection.SendAsync(
            [
                new RtmpCommand("releaseStream", _transaction++, null, [name]).ToMessage(0),
                new RtmpCommand("FCPublish", _transaction++, null, [name]).ToMessage(0),
                new RtmpCommand("createStream", _transaction++, null, []).ToMessage(0),
            ],
            cancellationToken).ConfigureAwait(false);
        var created = await ExpectResultAsync(create, cancellationToken).ConfigureAwait(false);
        _streamId = created.Arguments.Count > 0 && created.Arguments[0] is double id ? (uint)id : 1;

        await _connection.SendAsync(new RtmpCommand("publish", 0, null, [name, "live"]), _streamId, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var command = await ReadCommandAsync(cancellationToken).ConfigureAwait(false);
            if (command.Name != "onStatus" || command.Arguments.Count == 0 || command.Arguments[0] is not AmfObject status)
            {
                continue;
            }

            var code = status.GetString("code") ?? "";
            if (code == "NetStream.Publish.Start")
            {
                break;
            }

            if (status.GetString("level") == "error")
            {
                throw new RtmpProtocolException($"publish refused: {code} {status.GetString("description")}");
            }
        }

        _drain = DrainAsync(_closing.Token);
    }

    private async Task<RtmpCommand> ExpectResultAsync(double transaction, CancellationToken cancellationToken)
    {
        while (true)
        {
            var command = await ReadCommandAsync(cancellationToken).ConfigureAwait(false);
            if (command.TransactionId != transaction)
            {
                continue;
            }

            return command.Name == "_result"
                ? command
                : throw new RtmpProtocolException($"server answered {command.Name} to transaction {transaction}");
        }
    }

    private async Task<RtmpCommand> ReadCommandAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await _connection.ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new RtmpProtocolException("the server closed the connection");
            if (message.Type is RtmpMessageType.CommandAmf0 or RtmpMessageType.CommandAmf3)
            {
                return RtmpCommand.Parse(message);
            }
        }
    }

    // keeps reading so pings are answered and a refusal or close is noticed
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (await _connection.ReadAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
        }
    }

    // rtmp://host/app/name: the first path element is the application, the rest the stream name (as ffmpeg splits it)
    private static (string App, string Name) SplitPath(Uri target)
    {
        var path = target.AbsolutePath.Trim('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? "" : path[(slash + 1)..];
        return (slash < 0 ? path : path[..slash], name + target.Query);
    }
}
