using System.Diagnostics;
using System.Globalization;
using Livepeer.Media.MpegTs;
using Livepeer.Plugins.WebRtc.Media;
using Livepeer.Plugins.WebRtc.Rtp;

namespace Livepeer.Benchmarks;

/// <summary>
/// WebRTC media paths on one thread, on a real x264 stream (ffmpeg, 1280x720 30 fps, zerolatency, several slices per
/// picture, Opus): access units → RTP packets (H264Packetizer + wire encoding), WHIP's RTP → MPEG-TS segments
/// (RtpToTsSegmenter), WHEP's MPEG-TS → RTP (TsToRtpPacketizer), each against a memcpy of the same bytes in the same run.
/// </summary>
internal static class RtpBenchmark
{
    public static void Run(TimeSpan duration)
    {
        var ts = MakeStream("3M");
        var units = new List<(byte[] Data, long Pts)>();
        var demuxer = new TsDemuxer();
        demuxer.FrameReceived += f =>
        {
            if (f.Track.Codec == TsCodec.H264)
            {
                units.Add((f.Data.ToArray(), f.Pts));
            }
        };
        demuxer.Push(ts);
        demuxer.Flush();
        var auBytes = units.Sum(u => (long)u.Data.Length);

        // The RTP packets a WHIP client would send for the stream (wire bytes).
        var wire = new List<byte[]>();
        var payloads = new List<byte[]>();
        var packetizer = new H264Packetizer();
        var writer = new RtpStreamWriter(1, 102, 0);
        foreach (var (data, pts) in units)
        {
            payloads.Clear();
            packetizer.Packetize(data, payloads);
            for (var i = 0; i < payloads.Count; i++)
            {
                wire.Add(writer.Next(payloads[i], (uint)pts, i == payloads.Count - 1).ToArray());
            }
        }

        var wireBytes = wire.Sum(w => (long)w.Length);
        var scratch = new byte[4 * 1024 * 1024];
        var rows = new List<string[]>
        {
            Row("memcpy of the access units (baseline)", auBytes, Throughput.Passes(duration, () =>
            {
                foreach (var (data, _) in units)
                {
                    data.CopyTo(scratch, 0);
                }
            })),
            Row("access units → RTP packets (packetize + encode)", auBytes, Throughput.Passes(duration, () =>
            {
                var p = new H264Packetizer();
                var w = new RtpStreamWriter(1, 102, 0);
                var list = new List<byte[]>();
                foreach (var (data, pts) in units)
                {
                    list.Clear();
                    p.Packetize(data, list);
                    for (var i = 0; i < list.Count; i++)
                    {
                        w.Next(list[i], (uint)pts, i == list.Count - 1).Write(scratch);
                    }
                }
            })),
            Row("memcpy of the RTP packets (baseline)", wireBytes, Throughput.Passes(duration, () =>
            {
                foreach (var w in wire)
                {
                    w.CopyTo(scratch, 0);
                }
            })),
            Row("RTP packets → MPEG-TS segments (parse, depacketize, mux)", wireBytes, Throughput.Passes(duration, () =>
            {
                var segmenter = new RtpToTsSegmenter(new RtpToTsOptions(), TimeProvider.System);
                foreach (var w in wire)
                {
                    segmenter.PushVideo(RtpPacket.Parse(w));
                }

                segmenter.Complete();
            })),
            Row("memcpy of the MPEG-TS (baseline)", ts.Length, Throughput.Passes(duration, () => ts.CopyTo(scratch, 0))),
            Row("MPEG-TS → RTP packets (demux, packetize, encode)", ts.Length, Throughput.Passes(duration, () =>
            {
                var toRtp = new TsToRtpPacketizer(new TsToRtpOptions { Video = new RtpStreamWriter(1, 102, 0), Audio = new RtpStreamWriter(2, 111, 0) });
                toRtp.PacketReady += (_, packet) => packet.Write(scratch);
                toRtp.Push(ts);
                toRtp.Flush();
            })),
        };

        Console.WriteLine($"WebRTC media, one thread: {units.Count} access units, {auBytes / 1024} KiB of H.264, {wire.Count} RTP packets, {ts.Length / 1024} KiB of MPEG-TS:");
        Table.Print(["operation", "MB/s", "× real time (10 s stream)"], rows);
    }

    /// <summary>10 s of 1280x720 30 fps x264 (zerolatency, several slices per picture) at <paramref name="videoBitrate"/> + Opus, as MPEG-TS.</summary>
    internal static byte[] MakeStream(string videoBitrate)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rtp-bench-{Guid.NewGuid():N}.ts");
        try
        {
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                "-hide_banner -loglevel error -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 10 " +
                "-c:v libx264 -preset veryfast -tune zerolatency -threads 4 -pix_fmt yuv420p -b:v " + videoBitrate + " -g 60 -c:a libopus -f mpegts " + path)) ?? throw new InvalidOperationException("ffmpeg did not start");
            ffmpeg.WaitForExit();
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string[] Row(string name, long bytesPerPass, double passesPerSecond) =>
    [
        name,
        (bytesPerPass * passesPerSecond / 1e6).ToString("N0", CultureInfo.InvariantCulture),
        (passesPerSecond * 10).ToString("N0", CultureInfo.InvariantCulture),
    ];
}
