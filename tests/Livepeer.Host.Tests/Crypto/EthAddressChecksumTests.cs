using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Host.Tests.Crypto;

public sealed class EthAddressChecksumTests
{
    // EIP-55's own examples.
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    public void Eip55_vectors(string checksummed)
    {
        var address = EthAddress.Parse(checksummed.ToLowerInvariant());
        Assert.Equal(checksummed, address.ToChecksumString());
        Assert.True(EthAddressChecksum.TryParseChecked(checksummed, out var parsed));
        Assert.Equal(address, parsed);
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")] // last letter's case flipped
    [InlineData("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA")]
    [InlineData("not an address")]
    [InlineData(null)]
    public void Bad_checksums_and_garbage_are_refused(string? text) =>
        Assert.False(EthAddressChecksum.TryParseChecked(text, out _));

    [Fact]
    public void All_lower_or_all_upper_carries_no_checksum() =>
        Assert.True(EthAddressChecksum.TryParseChecked("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", out _));

    [Fact]
    public void Address_of_private_key_one_is_the_generator_points()
    {
        var g = Convert.FromHexString("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8");
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", EthAddressChecksum.FromPublicKey(g).ToChecksumString());
        Assert.Equal(EthAddressChecksum.FromPublicKey(g), EthAddressChecksum.FromPublicKey([0x04, .. g]));
        Assert.Throws<ArgumentException>(() => EthAddressChecksum.FromPublicKey(g[..63]));
    }

    [Fact]
    public void Hex_helpers()
    {
        Assert.Equal("0x", EthHex.Encode([]));
        Assert.Equal("0x00ff", EthHex.Encode([0, 255]));
        Assert.Equal(new byte[] { 0xAB, 0xCD }, EthHex.Decode("0XabCD"));
        Assert.Equal(new byte[] { 0xAB }, EthHex.Decode("ab"));
        Assert.False(EthHex.TryDecode("0xabc", out _));
        Assert.False(EthHex.TryDecode("0xzz", out _));
        Assert.Throws<FormatException>(() => EthHex.Decode("g"));
    }
}
