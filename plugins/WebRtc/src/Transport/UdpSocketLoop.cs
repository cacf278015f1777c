using System.Net;
using System.Net.Sockets;

namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>
/// One bound UDP socket and its receive loop, which hands each datagram (a fresh copy) and its source to a dispatch
/// delegate and never blocks on a session: sessions queue what they get (bounded) and work on their own task.
/// </summary>
internal sealed class UdpSocketLoop : IDatagramSender, IAsyncDisposable
{
    private const int MaxDatagram = 2048;
    private readonly Socket _socket;
    private readonly Action<byte[], IPEndPoint> _dispatch;
    private readonly TransportResources _resources;
    private readonly Task _loop;
    private int _disposed;

    public UdpSocketLoop(IPEndPoint bind, Action<byte[], IPEndPoint> dispatch, TransportResources resources)
    {
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = 1 << 20;
            _socket.SendBufferSize = 1 << 20;
            _socket.Bind(bind);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _dispatch = dispatch;
        _resources = resources;
        resources.SocketOpened();
        resources.TaskStarted();
        _loop = Task.Run(ReceiveAsync);
    }

    /// <summary>The bound address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    public bool Send(ReadOnlySpan<byte> datagram, IPEndPoint to)
    {
        try
        {
            return _socket.SendTo(datagram, SocketFlags.None, to) == datagram.Length;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        _resources.SocketClosed();
    }

    private async Task ReceiveAsync()
    {
        try
        {
            var buffer = new byte[MaxDatagram];
            EndPoint any = _socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
            while (Volatile.Read(ref _disposed) == 0)
            {
                SocketReceiveFromResult result;
                try
                {
                    result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize or SocketError.NetworkReset)
                {
                    continue; // an ICMP error for an earlier send, or an oversized datagram: not fatal for a UDP socket
                }

                _dispatch(buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint);
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException) when (Volatile.Read(ref _disposed) != 0)
        {
        }
        finally
        {
            _resources.TaskEnded();
        }
    }
}
