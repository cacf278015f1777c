using Livepeer.Media.Flv;

namespace Livepeer.Media.Tests.Flv;

/// <summary>Random and mutated FLV never crashes the parsers: they parse or throw <see cref="MediaFormatException"/>.</summary>
public sealed class FlvFuzzTests
{
    [Fact]
    public void MutatedTagBodiesOnlyThrowMediaFormatException()
    {
        var random = new Random(9);
        var seeds = FlvVectors.Video.Select(v => (FlvTagType.Video, Convert.FromHexString(v.Hex)))
            .Concat(FlvVectors.Audio.Select(v => (FlvTagType.Audio, Convert.FromHexString(v.Hex))))
            .Concat(FlvVectors.Invalid.Select(v => (v.Type, Convert.FromHexString(v.Hex))))
            .ToList();
        for (var i = 0; i < 30_000; i++)
        {
            var (type, seed) = seeds[random.Next(seeds.Count)];
            var data = Mutate(random, seed);
            Try(() => FlvTagBodies.Parse(type, data));
            Try(() => FlvTagBodies.Parse((FlvTagType)random.Next(8, 19), data));
        }
    }

    [Fact]
    public void MutatedFilesOnlyThrowMediaFormatException()
    {
        var random = new Random(18);
        var seed = Convert.FromHexString(FlvVectors.File);
        for (var i = 0; i < 30_000; i++)
        {
            var data = i % 4 == 0 ? RandomBytes(random) : Mutate(random, seed);
            Try(() =>
            {
                foreach (var tag in FlvFile.Read(data).Tags)
                {
                    Try(() => FlvTagBodies.Parse(tag.Type, tag.Data.ToArray()));
                }
            });
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var data = new byte[random.Next(0, 80)];
        random.NextBytes(data);
        if (data.Length >= 3 && random.Next(2) == 0)
        {
            "FLV"u8.CopyTo(data);
        }

        return data;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var data = (byte[])seed.Clone();
        for (var m = random.Next(1, 4); m > 0 && data.Length > 0; m--)
        {
            if (random.Next(3) == 0)
            {
                data = data[..random.Next(data.Length + 1)];
            }
            else
            {
                data[random.Next(data.Length)] = (byte)random.Next(256);
            }
        }

        return data;
    }

    private static void Try(Action action)
    {
        try
        {
            action();
        }
        catch (MediaFormatException)
        {
        }
    }
}
