using System.Buffers;
using System.Diagnostics;
using Livepeer.Benchmarks.Media;
using Livepeer.Media.MpegTs;

// Usage: Livepeer.Benchmarks.Media [--seconds N]
// Single-threaded, so MB/s is per core. Input: a synthetic 2 Mbps-like stream (H.264-shaped video PES + AAC PES)
// muxed once in memory; demux reads it, mux rewrites its frames, memcpy copies the same bytes.
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(double.Parse).FirstOrDefault(3);
Console.WriteLine($"Livepeer.Benchmarks.Media: {Environment.ProcessorCount} CPUs, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, 1 thread");

var (ts, frames) = Input.Build(TimeSpan.FromSeconds(60));
Console.WriteLine($"input: {ts.Length / 1e6:F1} MB of MPEG-TS, {frames.Count} frames");

var copyTarget = new byte[ts.Length];
var memcpy = Measure(seconds, () => ts.AsSpan().CopyTo(copyTarget), ts.Length);

var frameCopy = new ArrayBufferWriter<byte>(ts.Length + (1 << 20));
var memcpyFrames = Measure(seconds, () =>
{
    frameCopy.ResetWrittenCount();
    foreach (var frame in frames)
    {
        frameCopy.Write(frame.Data);
    }
}, ts.Length);

long sink = 0;
var demuxer = new TsDemuxer();
demuxer.FrameReceived += f => sink += f.Data.Length;
var demux = Measure(seconds, () =>
{
    demuxer.Push(ts);
    demuxer.Flush();
}, ts.Length);

var output = new ArrayBufferWriter<byte>(ts.Length + (1 << 20));
var mux = Measure(seconds, () =>
{
    output.ResetWrittenCount();
    var muxer = new TsMuxer(output);
    var video = muxer.AddTrack(TsCodec.H264);
    var audio = muxer.AddTrack(TsCodec.Aac);
    foreach (var (isVideo, pts, data, key) in frames)
    {
        if (isVideo && key)
        {
            muxer.WriteTables();
        }

        muxer.WriteFrame(isVideo ? video : audio, pts, pts, data, key);
    }
}, ts.Length);

GC.KeepAlive(sink);
Row[] rows = [new("memcpy (Span.CopyTo)", memcpy), new("memcpy frame by frame", memcpyFrames), new("MPEG-TS demux (TsDemuxer)", demux), new("MPEG-TS mux (TsMuxer)", mux)];
Console.WriteLine("| operation                 | MB/s per core | vs memcpy | allocated per MB |");
Console.WriteLine("|---------------------------|---------------|-----------|------------------|");
foreach (var row in rows)
{
    Console.WriteLine($"| {row.Name,-25} | {row.Result.MBps,13:F0} | {row.Result.MBps / memcpy.MBps,8:P2} | {row.Result.AllocatedPerMB,13:F0} B |");
}

return 0;

static Result Measure(double seconds, Action run, long bytes)
{
    for (var i = 0; i < 5; i++)
    {
        run(); // warm-up: tier-1 JIT with PGO
    }

    GC.Collect();
    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    var iterations = 0;
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        run();
        iterations++;
    }

    var elapsed = clock.Elapsed.TotalSeconds;
    var total = (double)bytes * iterations;
    return new Result(total / elapsed / 1e6, (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (total / 1e6));
}

internal readonly record struct Result(double MBps, double AllocatedPerMB);

internal readonly record struct Row(string Name, Result Result);
