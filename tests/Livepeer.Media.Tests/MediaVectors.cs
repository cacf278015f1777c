using Livepeer.Media.MpegTs;

namespace Livepeer.Media.Tests;

/// <summary>Captured samples under Vectors/ (see make-vectors.sh) and helpers shared by the round-trip and fuzz tests.</summary>
internal static class MediaVectors
{
    public static readonly string[] TransportStreams = ["h264-aac.ts", "h264-bframes.ts", "opus.ts"];

    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Vectors", name));

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>Demuxes a whole buffer and returns tracks and frames (data copied).</summary>
    public static (IReadOnlyList<TsTrack> Tracks, List<DemuxedFrame> Frames, TsDemuxer Demuxer) Demux(ReadOnlySpan<byte> ts, int chunk = int.MaxValue)
    {
        var demuxer = new TsDemuxer();
        var frames = new List<DemuxedFrame>();
        IReadOnlyList<TsTrack> tracks = [];
        demuxer.TracksChanged += t => tracks = t;
        demuxer.FrameReceived += f => frames.Add(new DemuxedFrame(f.Track, f.Pts, f.Dts, f.Data.ToArray(), f.IsKeyframe, f.Discontinuity));
        while (!ts.IsEmpty)
        {
            var n = Math.Min(chunk, ts.Length);
            demuxer.Push(ts[..n]);
            ts = ts[n..];
        }

        demuxer.Flush();
        return (tracks, frames, demuxer);
    }
}

/// <summary>A demuxed frame with its data copied out of the demuxer's buffer.</summary>
internal sealed record DemuxedFrame(TsTrack Track, long Pts, long Dts, byte[] Data, bool IsKeyframe, bool Discontinuity);
