using Livepeer.Media.H264;

namespace Livepeer.Media.Tests.H264;

public sealed class AnnexBAvccTests
{
    [Fact]
    public void Raw_x264_stream_has_parameter_sets_then_an_idr()
    {
        var types = new List<NalUnitType>();
        foreach (var nal in AnnexB.EnumerateNalUnits(MediaVectors.Load("h264.264")))
        {
            types.Add(NalUnit.GetType(nal));
        }

        Assert.Equal([NalUnitType.Sps, NalUnitType.Pps, NalUnitType.Sei, NalUnitType.IdrSlice], types.Take(4));
        Assert.True(AnnexB.ContainsIdr(MediaVectors.Load("h264.264")));
    }

    [Theory]
    [InlineData("0000000167aa0000000168bb000001650102", new[] { "67aa", "68bb", "650102" })]
    [InlineData("00000167aa000000", new[] { "67aa" })]
    [InlineData("0000016500000001", new[] { "65" })]
    [InlineData("", new string[0])]
    [InlineData("000000", new string[0])]
    public void Annex_b_vectors(string annexB, string[] nals)
    {
        var found = new List<string>();
        foreach (var nal in AnnexB.EnumerateNalUnits(MediaVectors.Hex(annexB)))
        {
            found.Add(Convert.ToHexString(nal).ToLowerInvariant());
        }

        Assert.Equal(nals, found);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Annex_b_avcc_round_trip(int lengthSize)
    {
        byte[] annexB = MediaVectors.Hex("00000001 6742c028d9 00000001 68ce0f1920 00000001 65 " + string.Concat(Enumerable.Repeat("88", 200)));
        var avcc = AnnexB.ToAvcc(annexB, lengthSize);
        Assert.Equal(annexB.Length - 12 + (3 * lengthSize), avcc.Length);
        Assert.True(Avcc.ContainsIdr(avcc, lengthSize));
        Assert.Equal(annexB, Avcc.ToAnnexB(avcc, lengthSize));
    }

    [Fact]
    public void Whole_x264_stream_round_trips_through_avcc()
    {
        var annexB = MediaVectors.Load("h264.264");
        var back = Avcc.ToAnnexB(AnnexB.ToAvcc(annexB));
        var original = new List<byte[]>();
        foreach (var nal in AnnexB.EnumerateNalUnits(annexB))
        {
            original.Add(nal.ToArray());
        }

        var roundTripped = new List<byte[]>();
        foreach (var nal in AnnexB.EnumerateNalUnits(back))
        {
            roundTripped.Add(nal.ToArray());
        }

        Assert.Equal(original, roundTripped);
    }

    [Fact]
    public void Malformed_inputs_are_media_format_errors()
    {
        Assert.Throws<MediaFormatException>(() => Avcc.ToAnnexB([0, 0, 0, 9, 0x65], 4));
        Assert.Throws<MediaFormatException>(() => Avcc.ToAnnexB([0, 0], 4));
        Assert.Throws<MediaFormatException>(() => Avcc.ToAnnexB([1, 0x65], 5));
        Assert.Throws<MediaFormatException>(() => AnnexB.ToAvcc([0x65, 0, 0, 1, 0x41]));
        Assert.Throws<MediaFormatException>(() => AnnexB.ToAvcc([0, 0, 1, .. Enumerable.Repeat((byte)0x65, 300)], 1));
    }

    [Fact]
    public void Fuzz_annex_b_and_avcc()
    {
        var annexB = MediaVectors.Load("h264.264").AsSpan(0, 2000).ToArray();
        var avcc = AnnexB.ToAvcc(annexB);
        Fuzz.Run([annexB, avcc], input =>
        {
            for (var size = 1; size <= 4; size++)
            {
                try
                {
                    _ = Avcc.ToAnnexB(input, size);
                }
                catch (MediaFormatException)
                {
                }
            }

            _ = AnnexB.ToAvcc(input, 4);
        });
    }
}
