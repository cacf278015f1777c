using Livepeer.Media.MpegTs;

namespace Livepeer.Media.Tests.MpegTs;

public sealed class TsTimestampTests
{
    private const long Wrap = TsPacket.TimestampModulus;

    [Fact]
    public void Crc32_mpeg2_check_value()
    {
        // CRC-32/MPEG-2 catalogue check value for "123456789".
        Assert.Equal(0x0376E6E7u, Crc32Mpeg2.Compute("123456789"u8));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(90_000L)]
    [InlineData(Wrap - 1)]
    [InlineData(0x1_2345_6789L)]
    public void Write_then_read_round_trips(long value)
    {
        Span<byte> field = stackalloc byte[5];
        TsTimestamp.Write(field, 2, value);
        Assert.Equal(0x21, field[0] & 0xF1);
        Assert.Equal(value, TsTimestamp.Read(field));
    }

    [Theory]
    [InlineData(100L, 50L, 100L)]
    [InlineData(10L, Wrap - 10, Wrap + 10)]
    [InlineData(Wrap - 10, Wrap + 5, Wrap - 10)]
    [InlineData(5L, (3 * Wrap) - 100, (3 * Wrap) + 5)]
    [InlineData(Wrap - 100, 50L, -100L)]
    public void Unwrap_picks_the_nearest_value(long raw, long reference, long expected) =>
        Assert.Equal(expected, TsTimestamp.Unwrap(raw, reference));
}
