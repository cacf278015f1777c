using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>
/// Fewer, larger reads for publishing connections. A publisher sends one small RTMP message at a time (≈ 75 a second
/// at 2 Mbps), and each one made the kernel report the socket readable: a wake-up, two <c>recv</c>s and a pass through
/// the pipe per message, which was most of what ingest cost (docs/benchmarks.md). This sets the socket's receive
/// low-water mark (<c>SO_RCVLOWAT</c>, socket(7); epoll honours it for TCP) to about <see cref="Interval"/> worth of
/// the stream's measured byte rate, so the socket becomes readable once per that much media. The added latency is
/// bounded: one timer for all publishers drops the mark of a connection that got no message for two intervals back to
/// one byte (Linux then signals at once if anything is pending), and the next rate measurement sets it again.
/// </summary>
internal sealed class ReceiveCoalescer : IDisposable
{
    /// <summary>How often a connection's byte rate is measured (and its mark set).</summary>
    internal static readonly TimeSpan MeasureEvery = TimeSpan.FromSeconds(1);

    /// <summary>Below this a mark saves too little to be worth a <c>setsockopt</c>; the mark stays at 1 byte.</summary>
    internal const int MinMark = 2 * 1024;

    /// <summary>The highest mark (8 Mbps at 64 ms); the kernel grows the receive buffer to fit it.</summary>
    internal const int MaxMark = 64 * 1024;

    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private readonly TimeProvider _time;
    private readonly Lock _timerLock = new();
    private ITimer? _timer;

    public ReceiveCoalescer(TimeSpan interval, TimeProvider time)
    {
        Interval = interval;
        _time = time;
    }

    /// <summary>The media time one read should carry; zero turns coalescing off.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Connections being coalesced.</summary>
    public int Count => _connections.Count;

    /// <summary>
    /// Starts coalescing reads of <paramref name="socket"/> (a publishing connection); null when coalescing is off
    /// or there is no socket (an in-memory transport). Dispose the result when the publish ends.
    /// </summary>
    public Connection? Start(Socket? socket)
    {
        if (socket is null || Interval <= TimeSpan.Zero)
        {
            return null;
        }

        var connection = new Connection(this, socket, _time.GetTimestamp());
        _connections[connection] = 0;
        lock (_timerLock)
        {
            _timer ??= _time.CreateTimer(_ => Tick(), null, Interval, Interval);
        }

        return connection;
    }

    public void Dispose()
    {
        lock (_timerLock)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Stop(Connection connection)
    {
        _connections.TryRemove(connection, out _);
        lock (_timerLock)
        {
            if (_connections.IsEmpty)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }
    }

    private void Tick()
    {
        var now = _time.GetTimestamp();
        foreach (var connection in _connections.Keys)
        {
            connection.CheckStalled(now);
        }
    }

    /// <summary>One publishing connection's mark. <see cref="OnReceived"/> runs on its read loop, the check on the timer.</summary>
    internal sealed class Connection : IDisposable
    {
        private readonly ReceiveCoalescer _owner;
        private readonly Socket _socket;
        private readonly Lock _lock = new();
        private long _lastMessage;
        private long _windowStart;
        private long _windowBytes;
        private int _mark = 1;
        private bool _closed;

        public Connection(ReceiveCoalescer owner, Socket socket, long now)
        {
            _owner = owner;
            _socket = socket;
            _lastMessage = now;
            _windowStart = now;
        }

        /// <summary>The low-water mark now set, in bytes (1: every byte wakes the reader).</summary>
        public int Mark => Volatile.Read(ref _mark);

        /// <summary>Called for each message read; <paramref name="totalBytes"/> is everything received so far.</summary>
        public void OnReceived(long totalBytes)
        {
            var time = _owner._time;
            var now = time.GetTimestamp();
            Volatile.Write(ref _lastMessage, now);
            var elapsed = time.GetElapsedTime(_windowStart, now);
            if (elapsed < MeasureEvery)
            {
                return;
            }

            var bytesPerSecond = (totalBytes - _windowBytes) / elapsed.TotalSeconds;
            _windowStart = now;
            _windowBytes = totalBytes;
            var mark = (int)Math.Min(MaxMark, bytesPerSecond * _owner.Interval.TotalSeconds);
            mark = mark < MinMark ? 1 : mark;
            var current = Mark;
            if (Math.Abs(mark - current) > current / 4)
            {
                Set(mark);
            }
        }

        /// <summary>Clears the mark (1 byte) when no message came for two intervals, so what is pending is read.</summary>
        public void CheckStalled(long now)
        {
            if (Mark > 1 && _owner._time.GetElapsedTime(Volatile.Read(ref _lastMessage), now) >= 2 * _owner.Interval)
            {
                Set(1);
            }
        }

        /// <summary>Stops coalescing: the mark goes back to 1 byte (the connection may go on with commands).</summary>
        public void Dispose()
        {
            _owner.Stop(this);
            Set(1);
            lock (_lock)
            {
                _closed = true;
            }
        }

        private void Set(int mark)
        {
            lock (_lock)
            {
                if (_closed || mark == _mark)
                {
                    return;
                }

                try
                {
                    _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater, mark);
                    Volatile.Write(ref _mark, mark);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or PlatformNotSupportedException)
                {
                    _closed = true; // the platform has no SO_RCVLOWAT, or the socket is gone: plain reads from now on
                }
            }
        }
    }
}
