using System.Globalization;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Media.Segmenting;
using Livepeer.Plugins.WebRtc.Media;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Testing;

namespace Livepeer.Plugins.WebRtc.Tests.Media;

public sealed class RtpToTsSegmenterTests
{
    [Fact]
    public async Task WhipRtpBecomesKeyframeAlignedSegmentsThatFfprobeAccepts()
    {
        var segments = Run(RtpFeed.Packets(videoStart: uint.MaxValue - 45_000, audioStart: uint.MaxValue - 10_000), drop: _ => false);
        Assert.InRange(segments.Count, 3, 4); // 4 s with a keyframe every second, segments of at least 1 s
        Assert.All(segments, s => Assert.True(s.StartsWithKeyframe));
        Assert.All(segments.SkipLast(1), s => Assert.True(s.Duration >= TimeSpan.FromSeconds(1), s.Duration.ToString()));
        Assert.Equal(Enumerable.Range(0, segments.Count).Select(i => (long)i), segments.Select(s => s.Sequence));

        var videoPts = new List<double>();
        var audioPts = new List<double>();
        using var dir = new TemporaryDirectory();
        for (var i = 0; i < segments.Count; i++)
        {
            var path = Path.Combine(dir.Path, $"seg{i}.ts");
            await File.WriteAllBytesAsync(path, segments[i].Data.ToArray());
            var streams = await FfmpegSegments.RunAsync("ffprobe", $"-v error -show_entries stream=codec_name -of csv=p=0 \"{path}\"");
            Assert.Equal(["h264", "opus"], streams.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct());
            var packets = await FfmpegSegments.RunAsync("ffprobe", $"-v error -show_entries packet=stream_index,pts_time,flags -of csv=p=0 \"{path}\"");
            var first = true;
            foreach (var line in packets.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split(',');
                var pts = double.Parse(f[1], CultureInfo.InvariantCulture);
                if (f[0] == "0")
                {
                    if (first)
                    {
                        Assert.StartsWith("K", f[2], StringComparison.Ordinal); // every segment opens with an IDR
                        first = false;
                    }

                    videoPts.Add(pts);
                }
                else
                {
                    audioPts.Add(pts);
                }
            }

            // Every segment also decodes on its own.
            await FfmpegSegments.RunAsync("ffmpeg", $"-v error -i \"{path}\" -f null -");
        }

        // Timestamps are continuous across segments: 30 fps video, 20 ms Opus, no jumps.
        Assert.InRange(videoPts.Count, 115, 120);
        Assert.All(videoPts.Zip(videoPts.Skip(1)), p => Assert.InRange(p.Second - p.First, 0.030, 0.037));
        Assert.True(audioPts.Count > 150);
        Assert.All(audioPts.Zip(audioPts.Skip(1)), p => Assert.InRange(p.Second - p.First, 0.019, 0.021));

        // ffmpeg puts ~100 ms of Opus in one PES, all of which "arrives" before the first IDR and is dropped.
        Assert.InRange(audioPts[0] - videoPts[0], 0, 0.12);
    }

    [Fact]
    public void AudioBeforeTheFirstIdrIsDroppedAndLeadingPFramesSkipped()
    {
        var feed = RtpFeed.Packets(1000, 2000);

        // Start mid-GOP: drop every video packet before the second keyframe's first packet.
        var secondIdr = feed.FindIndex(feed.FindIndex(p => p.Kind == RtpTrackKind.Video && p.Pts > feed[0].Pts + 45_000), p => p.Kind == RtpTrackKind.Video && IsIdrStart(p.Packet));
        var segments = Run(feed, drop: i => i < secondIdr && feed[i].Kind == RtpTrackKind.Video);
        Assert.All(segments, s => Assert.True(s.StartsWithKeyframe));
        Assert.Equal(3, segments.Count); // keyframes at 1, 2 and 3 s of the 4 s stream
    }

    [Fact]
    public void PacketLossStillYieldsDecodableSegments()
    {
        var feed = RtpFeed.Packets(5, 6);
        var random = new Random(5);

        // 1 % loss of non-keyframe video packets.
        var segments = Run(feed, drop: i => feed[i].Kind == RtpTrackKind.Video && !IsIdrStart(feed[i].Packet) && random.Next(100) == 0);
        Assert.InRange(segments.Count, 3, 4);
        Assert.All(segments, s => Assert.True(s.StartsWithKeyframe));
    }

    [Fact]
    public async Task ReorderedVideoThroughTheReorderBufferGivesTheSameSegments()
    {
        var feed = RtpFeed.Packets(77, 88);
        var reference = Run(feed, drop: _ => false);

        // Swap video neighbours (never across an access unit's marker, to keep the arrival clock simple).
        var random = new Random(11);
        var shuffled = feed.ToList();
        for (var i = 1; i + 1 < shuffled.Count; i++)
        {
            if (shuffled[i].Kind == RtpTrackKind.Video && shuffled[i + 1].Kind == RtpTrackKind.Video && random.Next(4) == 0)
            {
                (shuffled[i], shuffled[i + 1]) = (shuffled[i + 1], shuffled[i]);
                i++;
            }
        }

        var time = new ManualTimeProvider();
        var buffer = new RtpReorderBuffer(time);
        var ordered = new List<(RtpTrackKind, RtpPacket, long)>();
        foreach (var item in shuffled)
        {
            if (item.Kind == RtpTrackKind.Audio)
            {
                ordered.Add(item);
                continue;
            }

            ordered.AddRange(buffer.Push(item.Packet).Select(p => (RtpTrackKind.Video, p, item.Pts)).ToList());
        }

        Assert.Equal(0, buffer.Lost);
        var segments = Run(ordered, drop: _ => false);
        Assert.Equal(reference.Count, segments.Count);
        for (var i = 0; i < segments.Count; i++)
        {
            Assert.Equal(reference[i].Duration, segments[i].Duration);
        }

        using var dir = new TemporaryDirectory();
        var path = Path.Combine(dir.Path, "all.ts");
        await File.WriteAllBytesAsync(path, segments.SelectMany(s => s.Data.ToArray()).ToArray());
        await FfmpegSegments.RunAsync("ffmpeg", $"-v error -i \"{path}\" -f null -");
    }

    internal static bool IsIdrStart(RtpPacket packet)
    {
        var p = packet.Payload.Span;
        return p.Length > 1 && ((p[0] & 0x1F) == 24 || ((p[0] & 0x1F) == 5) || ((p[0] & 0x1F) == 28 && (p[1] & 0x1F) == 5 && (p[1] & 0x80) != 0));
    }

    private static List<TsSegment> Run(List<(RtpTrackKind Kind, RtpPacket Packet, long Pts)> feed, Func<int, bool> drop)
    {
        var time = new ManualTimeProvider();
        var segmenter = new RtpToTsSegmenter(new RtpToTsOptions { HasAudio = true }, time);
        var segments = new List<TsSegment>();
        segmenter.SegmentCompleted += segments.Add;
        var lastPts = feed[0].Pts;
        for (var i = 0; i < feed.Count; i++)
        {
            var (kind, packet, pts) = feed[i];
            if (pts > lastPts)
            {
                time.Advance(TimeSpan.FromTicks((pts - lastPts) * TimeSpan.TicksPerSecond / 90_000));
                lastPts = pts;
            }

            if (drop(i))
            {
                continue;
            }

            if (kind == RtpTrackKind.Video)
            {
                segmenter.PushVideo(packet);
            }
            else
            {
                segmenter.PushAudio(packet);
            }
        }

        segmenter.Complete();
        return segments;
    }
}
