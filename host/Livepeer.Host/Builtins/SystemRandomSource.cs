using System.Buffers.Binary;
using System.Security.Cryptography;
using Livepeer.Abstractions;

namespace Livepeer.Host.Builtins;

/// <summary>The product's random source: the OS's cryptographic generator for everything.</summary>
internal sealed class SystemRandomSource : IRandomSource
{
    public double NextDouble()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return (BinaryPrimitives.ReadUInt64LittleEndian(bytes) >> 11) * (1.0 / (1UL << 53));
    }

    public int NextInt32(int maxExclusive) => RandomNumberGenerator.GetInt32(maxExclusive);

    public void NextBytes(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
