using System.Buffers;
using System.Diagnostics;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Segmenting;

namespace Livepeer.Benchmarks.Media;

/// <summary>
/// MPEG-TS demux and mux throughput against memcpy of the same bytes. Single-threaded, so MB/s is per core. Input: a
/// synthetic 2 Mbps-like stream (H.264-shaped video PES + AAC PES) muxed once in memory; demux reads it, mux
/// rewrites its frames, memcpy copies the same bytes.
/// </summary>
internal static class TsBenchmark
{
    public static void Run(double seconds)
    {
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
            Input.Mux(frames, output);
        }, ts.Length);

        // what RTMP ingest does per frame after FLV parsing: AUD insertion, muxing, 2 s keyframe-aligned segments
        var segment = Measure(seconds, () =>
        {
            var segmenter = new TsSegmenter(new TsSegmenterOptions { AudioCodec = TsCodec.Aac });
            segmenter.SegmentCompleted += s => sink += s.Data.Length;
            foreach (var (isVideo, pts, data, key) in frames)
            {
                if (isVideo)
                {
                    segmenter.WriteVideo(data, pts, pts, key);
                }
                else
                {
                    segmenter.WriteAudio(data, pts);
                }
            }

            segmenter.Complete();
        }, ts.Length);

        GC.KeepAlive(sink);
        Row[] rows = [new("memcpy (Span.CopyTo)", memcpy), new("memcpy frame by frame", memcpyFrames), new("MPEG-TS demux (TsDemuxer)", demux), new("MPEG-TS mux (TsMuxer)", mux), new("segmenter (TsSegmenter)", segment)];
        Console.WriteLine("| operation                 | MB/s per core | vs memcpy | allocated per MB |");
        Console.WriteLine("|---------------------------|---------------|-----------|------------------|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Name,-25} | {row.Result.MBps,13:F0} | {row.Result.MBps / memcpy.MBps,8:P2} | {row.Result.AllocatedPerMB,13:F0} B |");
        }
    }

    private static Result Measure(double seconds, Action run, long bytes)
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
    private readonly record struct Result(double MBps, double AllocatedPerMB);

    private readonly record struct Row(string Name, Result Result);
}
