namespace Livepeer.Plugins.Trickle.Core;

/// <summary>
/// A forward-only stream over a <see cref="SegmentBuffer"/>: reads return bytes as soon as they are
/// appended and 0 once the buffer is closed and fully read, or dropped.
/// </summary>
internal sealed class SegmentReader : Stream
{
    private readonly SegmentBuffer _buffer;
    private Action? _onDispose;
    private long _position;

    public SegmentReader(SegmentBuffer buffer, Action? onDispose)
    {
        _buffer = buffer;
        _onDispose = onDispose;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var read = _buffer.Read(_position, buffer.Span, out var ended);
            if (read > 0 || ended || buffer.IsEmpty)
            {
                _position += read;
                return read;
            }

            await _buffer.WaitAsync(_position, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous callers (Stream.CopyTo) block on the asynchronous wait; readers are normally asynchronous.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Interlocked.Exchange(ref _onDispose, null)?.Invoke();
        base.Dispose(disposing);
    }
}
