using System.Net;
using System.Net.Sockets;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.Rtmp.Server;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>Read coalescing of publishing connections: the low-water mark follows the byte rate and never strands data.</summary>
public sealed class ReceiveCoalescerTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _client = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _server;
    private readonly ManualTimeProvider _time = new();
    private long _total;

    public ReceiveCoalescerTests()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _client.Connect(_listener.LocalEndPoint!);
        _server = _listener.Accept();
    }

    [Fact]
    public void MarkFollowsTheByteRateAndTheSocketHonoursIt()
    {
        using var coalescer = new ReceiveCoalescer(Interval, _time);
        using var connection = coalescer.Start(_server)!;
        Assert.Equal(1, connection.Mark); // nothing measured yet: every byte wakes the reader

        Receive(connection, bytesPerSecond: 250_000, seconds: 1);
        Assert.Equal(25_000, connection.Mark); // 100 ms of a 2 Mbps stream
        Assert.Equal(25_000, (int)_server.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater)!);

        // Linux reports the socket readable only once the mark is reached (what saves the wake-ups)
        _client.Send(new byte[1000]);
        Assert.False(_server.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead));
        _client.Send(new byte[24_000]);
        Assert.True(_server.Poll(TimeSpan.FromSeconds(5), SelectMode.SelectRead));

        Receive(connection, bytesPerSecond: 4_000_000, seconds: 1);
        Assert.Equal(ReceiveCoalescer.MaxMark, connection.Mark); // capped
        Receive(connection, bytesPerSecond: 10_000, seconds: 1);
        Assert.Equal(1, connection.Mark); // 1 KB per interval is not worth coalescing
    }

    [Fact]
    public void AQuietConnectionIsReadAtOnce()
    {
        using var coalescer = new ReceiveCoalescer(Interval, _time);
        using var connection = coalescer.Start(_server)!;
        Receive(connection, bytesPerSecond: 250_000, seconds: 1);
        _client.Send(new byte[100]); // e.g. FCUnpublish, far below the mark
        Assert.False(_server.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead));

        _time.Advance(Interval); // one interval without a message: still coalescing
        Assert.Equal(25_000, connection.Mark);
        _time.Advance(Interval); // two: the shared timer drops the mark and the pending bytes become readable
        Assert.Equal(1, connection.Mark);
        Assert.True(_server.Poll(TimeSpan.FromSeconds(5), SelectMode.SelectRead));
    }

    [Fact]
    public void EndingAPublishRestoresPlainReadsAndStopsTheTimer()
    {
        using var coalescer = new ReceiveCoalescer(Interval, _time);
        var connection = coalescer.Start(_server)!;
        Receive(connection, bytesPerSecond: 250_000, seconds: 1);
        Assert.Equal(1, _time.ActiveTimers);

        connection.Dispose();
        Assert.Equal(1, (int)_server.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater)!);
        Assert.Equal(0, coalescer.Count);
        Assert.Equal(0, _time.ActiveTimers);
        connection.OnReceived(1_000_000_000); // a late call after the end changes nothing
        Assert.Equal(1, (int)_server.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater)!);
    }

    [Fact]
    public void OffWhenDisabledOrWithoutASocket()
    {
        using var off = new ReceiveCoalescer(TimeSpan.Zero, _time);
        Assert.Null(off.Start(_server));
        using var on = new ReceiveCoalescer(Interval, _time);
        Assert.Null(on.Start(null));
        Assert.Equal(0, _time.ActiveTimers);
    }

    [Fact]
    public void AClosedSocketEndsCoalescingQuietly()
    {
        using var coalescer = new ReceiveCoalescer(Interval, _time);
        using var connection = coalescer.Start(_server)!;
        _server.Dispose();
        Receive(connection, bytesPerSecond: 250_000, seconds: 1);
        Assert.Equal(1, connection.Mark);
    }

    public void Dispose()
    {
        _server.Dispose();
        _client.Dispose();
        _listener.Dispose();
    }

    // a message every 10 ms (a publisher sends ≈ 75 a second) at the given byte rate
    private void Receive(ReceiveCoalescer.Connection connection, int bytesPerSecond, int seconds)
    {
        for (var i = 0; i < seconds * 100; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            _total += bytesPerSecond / 100;
            connection.OnReceived(_total);
        }
    }
}
