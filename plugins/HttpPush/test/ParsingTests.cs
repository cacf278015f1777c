using Livepeer.Testing;
using Livepeer.Abstractions.Media;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.HttpPush.Tests;

/// <summary>The transport stream probe and request parsing in memory: vectors, then random and mutated input.</summary>
public sealed class ParsingTests
{
    [Fact]
    public void Probe_reads_the_pmt_track_list_of_ffmpeg_output()
    {
        var tracks = TransportStreamProbe.Probe(FfmpegSegments.All[0]);
        Assert.NotNull(tracks);
        Assert.Equal([(TrackKind.Video, "h264"), (TrackKind.Audio, "aac")], tracks.Select(t => (t.Kind, t.Codec)));
    }

    [Fact]
    public void Probe_reads_synthetic_streams()
    {
        var tracks = TransportStreamProbe.Probe(SyntheticTs.Create(5, 5, payloadPackets: 4));
        Assert.Equal([0x100, 0x101], tracks!.Select(t => t.Id));
    }

    [Fact]
    public void Probe_never_throws_on_random_or_mutated_input()
    {
        var random = new Random(99);
        var seeds = new[] { FfmpegSegments.All[1], SyntheticTs.Create(1, 1, 2) };
        for (var i = 0; i < 2000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 188 * 6)];
                random.NextBytes(input);
                for (var p = 0; p < input.Length; p += 188)
                {
                    input[p] = 0x47; // get past the sync check often
                }
            }
            else
            {
                var seed = seeds[random.Next(seeds.Length)];
                input = seed[..Math.Min(seed.Length, 188 * (1 + random.Next(20)))];
                for (var m = 0; m < 1 + random.Next(16); m++)
                {
                    input[random.Next(input.Length)] = (byte)random.Next(256);
                }
            }

            _ = TransportStreamProbe.Probe(input); // must return, not throw
        }
    }

    [Theory]
    [InlineData("movie", "12.ts", null, null, "movie", 12, 2000, 0, 0)]
    [InlineData("a-b_c.d", "0.mp4", "1500", "1280x720", "a-b_c.d", 0, 1500, 1280, 720)]
    public void Requests_parse(string id, string file, string? duration, string? resolution, string expectedId, long seq, int ms, int width, int height)
    {
        var headers = new HeaderDictionary();
        if (duration is not null)
        {
            headers["Content-Duration"] = duration;
        }

        if (resolution is not null)
        {
            headers["Content-Resolution"] = resolution;
        }

        var request = PushRequest.Parse(id, file, headers, out var error);
        Assert.NotNull(request);
        Assert.Equal("", error);
        Assert.Equal((expectedId, seq, TimeSpan.FromMilliseconds(ms), width, height), (request.ManifestId, request.Sequence, request.Duration, request.Width, request.Height));
    }
}
