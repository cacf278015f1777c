using System.Numerics;
using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Payments;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Payments;

public sealed class PaymentCodecTests
{
    private static readonly PaymentCodec Codec = new();

    private static Payment Sample(int tickets = 2) => new(TicketFixtures.Sender.Address, new Price(1234, 3))
    {
        TicketParams = new TicketParams(
            TicketFixtures.Recipient,
            BigInteger.Parse("800000000000", System.Globalization.CultureInfo.InvariantCulture),
            TicketParams.MaxWinProbability / 100,
            new Hash32(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            (BigInteger.One << 255) + 7,
            142_004_200)
        {
            ExpirationParams = new TicketExpirationParams(24_653, new Hash32(Enumerable.Repeat((byte)0xAB, 32).ToArray())),
        },
        ExpirationParams = new TicketExpirationParams(24_653, new Hash32(Enumerable.Repeat((byte)0xAB, 32).ToArray())),
        Tickets = [.. Enumerable.Range(1, tickets).Select(n => new TicketSenderParams((uint)n, [.. Enumerable.Repeat((byte)n, 65)]))],
    };

    // The vectors: what the fuzz test mutates, and what round-trips.
    private static readonly string[] VectorHeaders =
    [
        Codec.Encode(Sample()),
        Codec.Encode(Sample(0)),
        Codec.Encode(new Payment(TicketFixtures.Sender.Address, new Price(0, 1))),
    ];

    public static TheoryData<string> Vectors() => new(VectorHeaders);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Round_trips(string header)
    {
        var decoded = Codec.Decode(header);
        Assert.Equal(header, Codec.Encode(decoded));
    }

    [Fact]
    public void Decodes_every_field_as_upstream_numbers_them()
    {
        var sample = Sample();
        var proto = Net.Payment.Parser.ParseFrom(Convert.FromBase64String(Codec.Encode(sample)));
        Assert.Equal(sample.Sender.ToArray(), proto.Sender.ToByteArray());
        Assert.Equal(1234, proto.ExpectedPrice.PricePerUnit);
        Assert.Equal(new BigInteger(800000000000).ToByteArray(isUnsigned: true, isBigEndian: true), proto.TicketParams.FaceValue.ToByteArray());
        Assert.Equal(2, proto.TicketSenderParams.Count);

        var decoded = Codec.Decode(Codec.Encode(sample));
        Assert.Equal(sample.TicketParams, decoded.TicketParams);
        Assert.Equal(sample.ExpirationParams, decoded.ExpirationParams);
        Assert.Equal(sample.Tickets.Select(t => (t.SenderNonce, Convert.ToHexString(t.Signature.AsSpan()))), decoded.Tickets.Select(t => (t.SenderNonce, Convert.ToHexString(t.Signature.AsSpan()))));
        Assert.Equal(sample.ExpectedPrice, decoded.ExpectedPrice);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("QUJD=")]
    [InlineData("////")]
    public void Garbage_is_a_payment_error(string header) => Assert.Throws<PaymentException>(() => Codec.Decode(header));

    [Fact]
    public void Truncated_input_is_a_payment_error()
    {
        var bytes = Convert.FromBase64String(Codec.Encode(Sample()));
        for (var length = 0; length < bytes.Length; length += 7)
        {
            var header = Convert.ToBase64String(bytes.AsSpan(0, length));
            try
            {
                Codec.Decode(header);
            }
            catch (PaymentException)
            {
            }
        }

        Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(bytes.AsSpan(0, bytes.Length - 3))));
    }

    [Fact]
    public void Oversize_input_is_refused_before_parsing()
    {
        var huge = Convert.ToBase64String(new byte[PaymentCodec.MaxPaymentBytes + 1]);
        Assert.Contains("larger than", Assert.Throws<PaymentException>(() => Codec.Decode(huge)).Message, StringComparison.Ordinal);
        Assert.Throws<PaymentException>(() => Codec.Decode(new string('A', 10_000_000)));
    }

    [Fact]
    public void Integers_wider_than_256_bits_are_refused()
    {
        var proto = Net.Payment.Parser.ParseFrom(Convert.FromBase64String(Codec.Encode(Sample())));
        proto.TicketParams.FaceValue = ByteString.CopyFrom(new byte[33] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        var error = Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(proto.ToByteArray())));
        Assert.Contains("256 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fields_are_refused_with_upstream_words()
    {
        var proto = Net.Payment.Parser.ParseFrom(Convert.FromBase64String(Codec.Encode(Sample())));
        var noSender = proto.Clone();
        noSender.Sender = ByteString.Empty;
        Assert.Equal("Could not find Sender for payment", Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(noSender.ToByteArray()))).Message);

        var noPrice = proto.Clone();
        noPrice.ExpectedPrice = null;
        Assert.Equal("invalid expected price sent with payment", Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(noPrice.ToByteArray()))).Message);

        var zeroPixels = proto.Clone();
        zeroPixels.ExpectedPrice.PixelsPerUnit = 0;
        Assert.Equal("invalid expected price sent with payment", Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(zeroPixels.ToByteArray()))).Message);

        var noExpiration = proto.Clone();
        noExpiration.ExpirationParams = null;
        Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(noExpiration.ToByteArray())));

        var shortSender = proto.Clone();
        shortSender.Sender = ByteString.CopyFrom(new byte[19]);
        Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(shortSender.ToByteArray())));

        var negativePrice = proto.Clone();
        negativePrice.ExpectedPrice.PricePerUnit = -1;
        Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(negativePrice.ToByteArray())));
    }

    [Fact]
    public void Fuzz_mutations_of_the_vectors_only_ever_give_a_payment_or_a_payment_error()
    {
        var random = new Random(20261122);
        var vectors = VectorHeaders.Select(Convert.FromBase64String).ToList();
        for (var i = 0; i < 3000; i++)
        {
            var bytes = vectors[i % vectors.Count].ToArray();
            switch (random.Next(4))
            {
                case 0:
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes = bytes.AsSpan(0, random.Next(bytes.Length)).ToArray();
                    break;
                case 2:
                    random.NextBytes(bytes);
                    break;
                default:
                    bytes = [.. bytes, .. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(256))];
                    break;
            }

            try
            {
                var payment = Codec.Decode(Convert.ToBase64String(bytes));
                Assert.False(payment.Sender.IsZero && payment.TicketParams is not null && payment.ExpirationParams is null);
            }
            catch (PaymentException)
            {
            }
        }
    }
}
