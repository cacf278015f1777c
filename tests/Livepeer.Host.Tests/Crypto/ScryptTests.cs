using System.Text;
using Livepeer.Host.Crypto;

namespace Livepeer.Host.Tests.Crypto;

public sealed class ScryptTests
{
    // RFC 7914 §12 test vectors (the two that run in well under a second).
    [Theory]
    [InlineData("", "", 16, 1, 1, "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")]
    [InlineData("password", "NaCl", 1024, 8, 16, "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")]
    public void Rfc7914_vectors(string password, string salt, int n, int r, int p, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Scrypt.DeriveKey(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), n, r, p, 64)));

    [Theory]
    [InlineData(0, 8, 1)]
    [InlineData(1000, 8, 1)]
    [InlineData(1 << 22, 8, 1)]
    [InlineData(1024, 0, 1)]
    [InlineData(1024, 8, 0)]
    public void Bad_or_huge_parameters_are_refused(int n, int r, int p) =>
        Assert.Throws<ArgumentException>(() => Scrypt.DeriveKey([], [], n, r, p, 32));
}
