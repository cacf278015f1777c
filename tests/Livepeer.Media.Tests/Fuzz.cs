using System.Diagnostics;

namespace Livepeer.Media.Tests;

/// <summary>
/// Bounded fuzzing (style habit 11): random buffers and mutations of the vector table (bit flips, byte overwrites,
/// truncation, splices, inserted bytes) go through a parser that may only throw <see cref="MediaFormatException"/>.
/// Deterministic seed; bounded by iterations and wall time; each call is checked for a bounded allocation.
/// </summary>
internal static class Fuzz
{
    public static int Run(IReadOnlyList<byte[]> seeds, Action<byte[]> parse, int iterations = 3000, int seed = 12345, double maxSeconds = 4)
    {
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var rejected = 0;
        for (var i = 0; i < iterations && clock.Elapsed.TotalSeconds < maxSeconds; i++)
        {
            var input = i % 10 == 0 ? RandomBytes(random) : Mutate(random, seeds[random.Next(seeds.Count)], seeds);
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                parse(input);
            }
            catch (MediaFormatException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"iteration {i}: {ex.GetType().Name} on input {Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 64)))}…", ex);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > (64L * input.Length) + (4 << 20))
            {
                throw new InvalidOperationException($"iteration {i}: {allocated} bytes allocated for a {input.Length}-byte input");
            }
        }

        return rejected;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 600)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed, IReadOnlyList<byte[]> seeds)
    {
        var data = (byte[])seed.Clone();
        var mutations = random.Next(1, 6);
        for (var m = 0; m < mutations && data.Length > 0; m++)
        {
            switch (random.Next(6))
            {
                case 0:
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[random.Next(data.Length)] = (byte)random.Next(256);
                    break;
                case 2:
                    data = data.AsSpan(0, random.Next(data.Length)).ToArray();
                    break;
                case 3:
                    var at = random.Next(data.Length);
                    data[at] = random.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                    break;
                case 4:
                    var other = seeds[random.Next(seeds.Count)];
                    var cut = random.Next(data.Length + 1);
                    var from = random.Next(other.Length + 1);
                    data = [.. data.AsSpan(0, cut), .. other.AsSpan(from)];
                    break;
                default:
                    var insert = new byte[random.Next(1, 8)];
                    random.NextBytes(insert);
                    var pos = random.Next(data.Length + 1);
                    data = [.. data.AsSpan(0, pos), .. insert, .. data.AsSpan(pos)];
                    break;
            }
        }

        return data;
    }
}
