using Livepeer.Media.Amf;

namespace Livepeer.Media.Tests.Amf;

public sealed class Amf0Tests
{
    public static TheoryData<string> ValidNames() => [.. Amf0Vectors.Valid.Select(v => v.Name)];

    public static TheoryData<string> InvalidNames() => [.. Amf0Vectors.Invalid.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void DecodesVector(string name)
    {
        var (_, hex, expected) = Amf0Vectors.Valid.Single(v => v.Name == name);
        var decoded = Amf0Reader.ReadAll(Amf0Vectors.Bytes(hex));
        var expectedValues = expected as object?[] ?? [expected];
        Assert.Equal(Amf0Writer.Encode(expectedValues), Amf0Writer.Encode([.. decoded]));
        Assert.Equal(expectedValues.Length, decoded.Count);
        for (var i = 0; i < decoded.Count; i++)
        {
            Assert.Equal(expectedValues[i]?.GetType(), decoded[i]?.GetType());
        }
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void EncodesVectorToTheSameBytes(string name)
    {
        var (_, hex, expected) = Amf0Vectors.Valid.Single(v => v.Name == name);
        var values = expected as object?[] ?? [expected];
        Assert.Equal(hex, Convert.ToHexString(Amf0Writer.Encode(values)));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void RefusesInvalidVector(string name)
    {
        var hex = Amf0Vectors.Invalid.Single(v => v.Name == name).Hex;
        Assert.Throws<MediaFormatException>(() => Amf0Reader.ReadAll(Amf0Vectors.Bytes(hex)));
    }

    [Fact]
    public void ObjectPropertiesKeepOrderAndAccessors()
    {
        var decoded = (AmfObject)Amf0Reader.ReadAll(Amf0Writer.Encode(new AmfObject().Add("z", 1).Add("a", "x").Add("n", null)))[0]!;
        Assert.Equal(["z", "a", "n"], decoded.Properties.Select(p => p.Key));
        Assert.Equal(1.0, decoded.GetNumber("z"));
        Assert.Equal("x", decoded.GetString("a"));
        Assert.Null(decoded["missing"]);
        Assert.True(decoded.TryGetValue("n", out var n));
        Assert.Null(n);
    }

    [Fact]
    public void IntegersEncodeAsNumbers()
    {
        Assert.Equal(Amf0Writer.Encode(3.0), Amf0Writer.Encode(3));
        Assert.Equal(Amf0Writer.Encode(3.0), Amf0Writer.Encode(3L));
    }

    [Fact]
    public void LongStringsRoundTrip()
    {
        var text = new string('x', 70_000);
        var bytes = Amf0Writer.Encode(text);
        Assert.Equal((byte)Amf0Type.LongString, bytes[0]);
        Assert.Equal(text, Amf0Reader.ReadAll(bytes)[0]);
    }

    [Fact]
    public void DeepNestingIsRefused()
    {
        var value = new AmfObject();
        var inner = value;
        for (var i = 0; i < 40; i++)
        {
            var next = new AmfObject();
            inner.Add("n", next);
            inner = next;
        }

        var bytes = Amf0Writer.Encode(value);
        Assert.Throws<MediaFormatException>(() => Amf0Reader.ReadAll(bytes));
        Assert.Single(Amf0Reader.ReadAll(bytes, new Amf0Limits { MaxDepth = 64 }));
    }

    [Fact]
    public void TooManyValuesAreRefused()
    {
        var bytes = Amf0Writer.Encode(new AmfStrictArray([.. Enumerable.Repeat<object?>(null, 100)]));
        Assert.Throws<MediaFormatException>(() => Amf0Reader.ReadAll(bytes, new Amf0Limits { MaxValues = 50 }));
    }

    [Fact]
    public void UnencodableValueThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Amf0Writer.Encode(new object()));
}
