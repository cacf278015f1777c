using Livepeer.Media.H264;
using Livepeer.Media.MpegTs;

namespace Livepeer.Media.Tests.H264;

public sealed class H264AccessUnitAssemblerTests
{
    [Fact]
    public void Multi_slice_frames_regroup_into_the_original_access_units_even_with_one_timestamp()
    {
        // The vector has four slices per picture (x264 slices=4, like zerolatency): a NAL-per-frame packetizer breaks it.
        var frames = MediaVectors.Demux(MediaVectors.Load("h264-aac.ts")).Frames.Where(f => f.Track.Codec == TsCodec.H264).ToList();
        Assert.Contains(frames, f => CountSlices(f.Data) > 1);
        var assembler = new H264AccessUnitAssembler();
        var units = new List<H264AccessUnit>();
        foreach (var frame in frames)
        {
            foreach (var nal in AnnexB.EnumerateNalUnits(frame.Data))
            {
                if (assembler.Push(nal, pts: 0) is { } au)
                {
                    units.Add(au);
                }
            }
        }

        units.Add(assembler.Flush()!);
        Assert.Equal(frames.Count, units.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(Normalize(frames[i].Data), units[i].Data.ToArray());
            Assert.Equal(frames[i].IsKeyframe, units[i].IsKeyframe);
        }
    }

    [Fact]
    public void A_timestamp_change_starts_a_new_access_unit()
    {
        var assembler = new H264AccessUnitAssembler();
        Assert.Null(assembler.Push([0x65, 0x88], 0));
        Assert.Null(assembler.Push([0x65, 0x08], 0)); // second slice of the same picture
        var first = assembler.Push([0x41, 0x08], 3000); // continuation slice, but a new timestamp
        Assert.NotNull(first);
        Assert.True(first.IsKeyframe);
        Assert.Equal(0, first.Pts);
        var second = assembler.Flush();
        Assert.False(second!.IsKeyframe);
        Assert.Equal(3000, second.Pts);
        Assert.Throws<MediaFormatException>(() => assembler.Push([0x80], 0));
    }

    private static int CountSlices(byte[] annexB)
    {
        var slices = 0;
        foreach (var nal in AnnexB.EnumerateNalUnits(annexB))
        {
            slices += NalUnit.IsVcl(NalUnit.GetType(nal)) ? 1 : 0;
        }

        return slices;
    }

    private static byte[] Normalize(byte[] annexB)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var nal in AnnexB.EnumerateNalUnits(annexB))
        {
            AnnexB.Write(writer, nal);
        }

        return writer.WrittenSpan.ToArray();
    }
}
