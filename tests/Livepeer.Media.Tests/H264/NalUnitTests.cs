using Livepeer.Media.H264;

namespace Livepeer.Media.Tests.H264;

public sealed class NalUnitTests
{
    [Theory]
    [InlineData("000003", "0000")]
    [InlineData("00000300", "000000")]
    [InlineData("0000030100000302", "0000010000 02")]
    [InlineData("00000303", "000003")]
    [InlineData("0003", "0003")]
    [InlineData("650000030000030001", "65000000000001")]
    public void Emulation_prevention_round_trips(string escaped, string rbsp)
    {
        var e = MediaVectors.Hex(escaped);
        var r = MediaVectors.Hex(rbsp);
        Assert.Equal(r, NalUnit.ToRbsp(e));
        Assert.Equal(r, NalUnit.ToRbsp(NalUnit.AddEmulationPrevention(r)));
    }

    [Theory]
    [InlineData(0x67, NalUnitType.Sps, false)]
    [InlineData(0x68, NalUnitType.Pps, false)]
    [InlineData(0x65, NalUnitType.IdrSlice, true)]
    [InlineData(0x41, NalUnitType.Slice, true)]
    [InlineData(0x09, NalUnitType.AccessUnitDelimiter, false)]
    [InlineData(0x06, NalUnitType.Sei, false)]
    public void Header_types(byte header, NalUnitType type, bool vcl)
    {
        Assert.Equal(type, NalUnit.GetType(header));
        Assert.Equal(vcl, NalUnit.IsVcl(type));
    }
}
