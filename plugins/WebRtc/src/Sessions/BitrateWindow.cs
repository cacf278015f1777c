namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>Bits per second over the last whole window (2 s): the rate a status reader sees, not a lifetime average.</summary>
internal sealed class BitrateWindow(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    private DateTimeOffset _windowStart = time.GetUtcNow();
    private long _bytes;
    private long _bitsPerSecond;

    public long BitsPerSecond
    {
        get
        {
            Roll(time.GetUtcNow());
            return _bitsPerSecond;
        }
    }

    public void Add(int bytes)
    {
        Roll(time.GetUtcNow());
        _bytes += bytes;
    }

    private void Roll(DateTimeOffset now)
    {
        var elapsed = now - _windowStart;
        if (elapsed < Window)
        {
            return;
        }

        _bitsPerSecond = (long)(_bytes * 8 / elapsed.TotalSeconds);
        _bytes = 0;
        _windowStart = now;
    }
}
