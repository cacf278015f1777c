using System.IO.Pipelines;

namespace Livepeer.Plugins.Rtmp.Protocol;

/// <summary>
/// One RTMP connection after the handshake, used by both the server and the client: reads messages,
/// answers protocol control itself (Set Chunk Size, Abort, Window Acknowledgement Size → Acknowledgement,
/// Ping) and serializes writes.
/// </summary>
internal sealed class RtmpConnection(IDuplexPipe transport, int maxMessageLength) : IDisposable
{
    private readonly ChunkReader _reader = new(maxMessageLength);
    private readonly ChunkWriter _writer = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private long _received;
    private long _acknowledged;
    private uint _peerWindow;

    /// <summary>Total bytes read after the handshake.</summary>
    public long BytesReceived => _received;

    /// <summary>Reads the next message that is not protocol control; <c>null</c> when the peer closed cleanly.</summary>
    /// <exception cref="RtmpProtocolException">The peer broke the chunk protocol or closed mid-message.</exception>
    public async ValueTask<RtmpMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await transport.Input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var before = buffer.Length;
            var complete = _reader.TryReadMessage(ref buffer, out var message);
            _received += before - buffer.Length;
            transport.Input.AdvanceTo(buffer.Start, complete ? buffer.Start : result.Buffer.End);
            await AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            if (!complete)
            {
                if (result.IsCompleted || result.IsCanceled)
                {
                    return buffer.IsEmpty ? null : throw new RtmpProtocolException($"Connection closed in the middle of a chunk ({buffer.Length} bytes left).");
                }

                continue;
            }

            if (!await HandleControlAsync(message!, cancellationToken).ConfigureAwait(false))
            {
                return message;
            }
        }
    }

    /// <summary>Sends one message.</summary>
    public async ValueTask SendAsync(RtmpMessage message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _writer.Write(transport.Output, message);
            await transport.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends several messages with one flush.</summary>
    public async ValueTask SendAsync(IEnumerable<RtmpMessage> messages, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var message in messages)
            {
                _writer.Write(transport.Output, message);
                if (message.Type == RtmpMessageType.SetChunkSize)
                {
                    _writer.ChunkSize = (int)ControlMessages.ReadUInt32(message); // §5.4.1: applies to what follows
                }
            }

            await transport.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends a command on <paramref name="streamId"/>.</summary>
    public ValueTask SendAsync(RtmpCommand command, uint streamId, CancellationToken cancellationToken) =>
        SendAsync(command.ToMessage(streamId), cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _writeLock.Dispose();

    private async ValueTask<bool> HandleControlAsync(RtmpMessage message, CancellationToken cancellationToken)
    {
        switch (message.Type)
        {
            case RtmpMessageType.SetChunkSize:
                _reader.ChunkSize = (int)(ControlMessages.ReadUInt32(message) & 0x7FFFFFFF);
                return true;
            case RtmpMessageType.Abort:
                _reader.Abort(ControlMessages.ReadUInt32(message));
                return true;
            case RtmpMessageType.Acknowledgement:
            case RtmpMessageType.SetPeerBandwidth:
                return true;
            case RtmpMessageType.WindowAcknowledgementSize:
                _peerWindow = ControlMessages.ReadUInt32(message);
                return true;
            case RtmpMessageType.UserControl:
                if (message.Payload.Length >= 6 && (UserControlEvent)((message.Payload.Span[0] << 8) | message.Payload.Span[1]) == UserControlEvent.PingRequest)
                {
                    await SendAsync(ControlMessages.UserControl(UserControlEvent.PingResponse, ControlMessages.ReadUInt32(message, 2)), cancellationToken).ConfigureAwait(false);
                }

                return true;
            default:
                return false;
        }
    }

    // §5.4.3: acknowledge once the peer's window of bytes has been received
    private async ValueTask AcknowledgeAsync(CancellationToken cancellationToken)
    {
        if (_peerWindow > 0 && _received - _acknowledged >= _peerWindow)
        {
            _acknowledged = _received;
            await SendAsync(ControlMessages.Acknowledgement((uint)_received), cancellationToken).ConfigureAwait(false);
        }
    }
}
