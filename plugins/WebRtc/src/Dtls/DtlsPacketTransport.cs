using System.Collections.Concurrent;
using Org.BouncyCastle.Crypto.Tls;

namespace Livepeer.Plugins.WebRtc.Dtls;

/// <summary>
/// BouncyCastle's <see cref="DatagramTransport"/> over the DTLS datagrams the demultiplexer hands over (RFC 7983
/// first byte 20–63): a bounded queue in, a send delegate out. <see cref="Receive"/> returns −1 on timeout (what
/// BouncyCastle expects) and throws once the transport is shut down, which ends a blocked handshake.
/// </summary>
internal sealed class DtlsPacketTransport : DatagramTransport, IDisposable
{
    /// <summary>Datagrams waiting for the DTLS layer; more are dropped (a handshake needs a handful).</summary>
    public const int QueueCapacity = 64;

    /// <summary>Largest datagram sent; BouncyCastle fragments handshake messages to fit.</summary>
    public const int Mtu = 1200;

    private readonly BlockingCollection<byte[]> _inbound = new(new ConcurrentQueue<byte[]>(), QueueCapacity);
    private readonly Action<ReadOnlyMemory<byte>> _send;
    private readonly Action _closedByDtls;
    private int _shutDown;

    public DtlsPacketTransport(Action<ReadOnlyMemory<byte>> send, Action closedByDtls)
    {
        _send = send;
        _closedByDtls = closedByDtls;
    }

    /// <summary>Queues one datagram; false when the queue is full or shut down (the caller counts the drop).</summary>
    public bool Enqueue(byte[] datagram)
    {
        try
        {
            return _inbound.TryAdd(datagram);
        }
        catch (InvalidOperationException)
        {
            return false; // completed or disposed
        }
    }

    public int GetReceiveLimit() => 1500;

    public int GetSendLimit() => Mtu;

    public int Receive(byte[] buf, int off, int len, int waitMillis)
    {
        if (Volatile.Read(ref _shutDown) != 0)
        {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }

        byte[]? datagram;
        try
        {
            if (!_inbound.TryTake(out datagram, Math.Max(0, waitMillis)))
            {
                return Volatile.Read(ref _shutDown) != 0 ? throw new TlsFatalAlert(AlertDescription.internal_error) : -1;
            }
        }
        catch (ObjectDisposedException)
        {
            throw new TlsFatalAlert(AlertDescription.internal_error);
        }

        var n = Math.Min(len, datagram.Length);
        Buffer.BlockCopy(datagram, 0, buf, off, n);
        return n;
    }

    public void Send(byte[] buf, int off, int len)
    {
        if (Volatile.Read(ref _shutDown) == 0)
        {
            _send(buf.AsMemory(off, len).ToArray());
        }
    }

    /// <summary>Called by BouncyCastle when the DTLS connection closes (close_notify, fatal alert, or our own close).</summary>
    public void Close() => _closedByDtls();

    /// <summary>Makes a blocked or later <see cref="Receive"/> throw, so the handshake thread ends.</summary>
    public void ShutDown()
    {
        if (Interlocked.Exchange(ref _shutDown, 1) == 0)
        {
            _inbound.CompleteAdding();
        }
    }

    public void Dispose()
    {
        ShutDown();
        _inbound.Dispose();
    }
}
