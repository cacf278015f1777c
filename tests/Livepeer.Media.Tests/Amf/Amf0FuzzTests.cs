using Livepeer.Media.Amf;

namespace Livepeer.Media.Tests.Amf;

/// <summary>Random and mutated input never crashes the AMF0 reader: it decodes or throws <see cref="MediaFormatException"/>.</summary>
public sealed class Amf0FuzzTests
{
    [Fact]
    public void RandomInputOnlyThrowsMediaFormatException()
    {
        var random = new Random(1935);
        for (var i = 0; i < 20_000; i++)
        {
            var data = new byte[random.Next(0, 64)];
            random.NextBytes(data);
            Decode(data);
        }
    }

    [Fact]
    public void MutatedVectorsOnlyThrowMediaFormatException()
    {
        var random = new Random(4000);
        var seeds = Amf0Vectors.Valid.Select(v => Amf0Vectors.Bytes(v.Hex))
            .Concat(Amf0Vectors.Invalid.Select(v => Amf0Vectors.Bytes(v.Hex)))
            .Where(s => s.Length > 0)
            .ToList();
        for (var i = 0; i < 50_000; i++)
        {
            var data = (byte[])seeds[random.Next(seeds.Count)].Clone();
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                switch (random.Next(3))
                {
                    case 0:
                        data[random.Next(data.Length)] = (byte)random.Next(256);
                        break;
                    case 1:
                        data = data[..random.Next(data.Length + 1)];
                        break;
                    default:
                        data = [.. data, .. data];
                        break;
                }

                if (data.Length == 0)
                {
                    break;
                }
            }

            Decode(data);
        }
    }

    private static void Decode(byte[] data)
    {
        try
        {
            var values = Amf0Reader.ReadAll(data);
            _ = Amf0Writer.Encode([.. values]); // whatever decodes re-encodes
        }
        catch (MediaFormatException)
        {
        }
    }
}
