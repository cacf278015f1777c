using Livepeer.Plugins.Trickle.Core;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>The segment buffer on its own (upstream segment_buffer_test.go names).</summary>
public sealed class SegmentBufferTests
{
    [Fact]
    public void TestSegmentBufferReadChunkAcrossPages()
    {
        var buffer = new SegmentBuffer(10 << 20);
        var data = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 13)).ToArray();
        Assert.Equal(AppendResult.Appended, buffer.Append(data.AsSpan(0, 30_000)));
        Assert.Equal(AppendResult.Appended, buffer.Append(data.AsSpan(30_000)));
        var read = new byte[data.Length];
        var n = buffer.Read(1000, read, out var ended);
        Assert.False(ended);
        Assert.Equal(data.Length - 1000, n);
        Assert.Equal(data[1000..], read[..n]);
    }

    [Fact]
    public void TestSegmentBufferTailGrowth_and_the_size_limit()
    {
        var buffer = new SegmentBuffer(100);
        Assert.Equal(AppendResult.Appended, buffer.Append(new byte[60]));
        Assert.Equal(AppendResult.TooLarge, buffer.Append(new byte[41]));
        Assert.Equal(AppendResult.Appended, buffer.Append(new byte[40]));
        Assert.Equal(100, buffer.Length);
    }

    [Fact]
    public async Task Readers_wait_for_bytes_and_end_on_close_or_drop()
    {
        var buffer = new SegmentBuffer(1000);
        await using var reader = buffer.OpenReader();
        var chunk = new byte[10];
        var pending = reader.ReadAsync(chunk).AsTask();
        Assert.False(pending.IsCompleted);
        buffer.Append([1, 2]);
        Assert.Equal(2, await pending.WaitAsync(TrickleServer.Timeout));
        buffer.Close();
        Assert.Equal(0, await reader.ReadAsync(chunk).AsTask().WaitAsync(TrickleServer.Timeout));
        Assert.Equal(AppendResult.Appended, buffer.Append([3])); // upstream appends after close
        buffer.Drop();
        Assert.Equal(AppendResult.Dropped, buffer.Append([4]));
        await using var late = buffer.OpenReader();
        Assert.Equal(0, await late.ReadAsync(chunk).AsTask().WaitAsync(TrickleServer.Timeout));
    }
}
