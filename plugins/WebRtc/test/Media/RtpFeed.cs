using Livepeer.Media.MpegTs;
using Livepeer.Plugins.WebRtc.Media;
using Livepeer.Plugins.WebRtc.Rtp;

namespace Livepeer.Plugins.WebRtc.Tests.Media;

/// <summary>Turns the x264 test stream into the RTP packets a WHIP client would send, in arrival order.</summary>
internal static class RtpFeed
{
    /// <summary>Video and Opus RTP packets interleaved by PTS; RTP timestamps start at the given values (wraps are welcome).</summary>
    public static List<(RtpTrackKind Kind, RtpPacket Packet, long Pts)> Packets(uint videoStart, uint audioStart)
    {
        var frames = X264Stream.Frames();
        var firstPts = frames.Min(f => f.Pts);
        var packetizer = new H264Packetizer();
        var video = new RtpStreamWriter(0xAAAA, 102, 65500);
        var audio = new RtpStreamWriter(0xBBBB, 111, 100);
        var result = new List<(RtpTrackKind, RtpPacket, long)>();
        var payloads = new List<byte[]>();
        foreach (var frame in frames.OrderBy(f => f.Pts))
        {
            var rel = frame.Pts - firstPts;
            if (frame.Track.Codec == TsCodec.H264)
            {
                payloads.Clear();
                packetizer.Packetize(frame.Data, payloads);
                for (var i = 0; i < payloads.Count; i++)
                {
                    result.Add((RtpTrackKind.Video, RtpPacket.Parse(video.Next(payloads[i], unchecked(videoStart + (uint)rel), i == payloads.Count - 1).ToArray()), frame.Pts));
                }
            }
            else if (frame.Track.Codec == TsCodec.Opus)
            {
                var samples = rel * 48000 / 90000;
                foreach (var opus in OpusInTs.EnumeratePackets(frame.Data))
                {
                    result.Add((RtpTrackKind.Audio, RtpPacket.Parse(audio.Next(opus.ToArray(), unchecked(audioStart + (uint)samples), false).ToArray()), frame.Pts));
                    samples += OpusPacket.GetDuration(opus);
                }
            }
        }

        return result;
    }
}
