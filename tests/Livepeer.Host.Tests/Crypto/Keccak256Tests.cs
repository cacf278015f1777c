using System.Text;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Host.Tests.Crypto;

public sealed class Keccak256Tests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    public void Known_vectors(string text, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Keccak256.HashData(Encoding.ASCII.GetBytes(text))));

    [Fact]
    public void Is_not_NIST_SHA3() =>
        Assert.NotEqual("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", Convert.ToHexStringLower(Keccak256.HashData([])));

    // go-livepeer pm/ticket_test.go TestHash: 168- and 232-byte inputs, across the 136-byte rate boundary.
    [Fact]
    public void Upstream_ticket_hash_vectors_cross_the_rate_boundary()
    {
        var ticket = new byte[168];
        ticket[167 - 32] = 1; // senderNonce = 1 (bytes 104..135)
        Assert.Equal("ce0918ba94518293e9712effbe5fca4f1f431089833a5b8c257cb1e024595f68", Convert.ToHexStringLower(Keccak256.HashData(ticket)));

        ticket.AsSpan(104, 32).Clear();
        ticket.AsSpan(132, 4).Fill(0xFF); // senderNonce = 0xFFFFFFFF
        Assert.Equal("e1393fc7f6de093780674022f96cb8e3872235167d037c04d554e58c0e63d280", Convert.ToHexStringLower(Keccak256.HashData(ticket)));

        var withAux = new byte[232];
        withAux[199] = 10; // creationRound = 10
        Convert.FromHexString("41b1a0649752af1b28b3dc29a1556eee781e4a4c3a1f7f53f90fa834de098c4d").CopyTo(withAux, 200);
        Assert.Equal("e502907c16036ab3d11b78c5a2e93c20f3d6415c67f91de4ed01348182b3b2e2", Convert.ToHexStringLower(Keccak256.HashData(withAux)));
    }

    [Fact]
    public void Span_array_and_Hash32_forms_agree_and_short_destinations_are_refused()
    {
        var data = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var into = new byte[40];
        Keccak256.HashData(data, into);
        Assert.Equal(Keccak256.HashData(data), into[..32]);
        Assert.Equal(Keccak256.HashData(data), Keccak256.Hash(data).Span.ToArray());
        Assert.Throws<ArgumentException>(() => Keccak256.HashData(data, new byte[31]));
    }

    [Fact]
    public void Personal_message_digest_uses_the_0x19_prefix_byte()
    {
        Assert.Equal(0x19, PersonalMessage.Prefix[0]);
        Assert.Equal(26, PersonalMessage.Prefix.Length);
        var message = Encoding.ASCII.GetBytes("hello");
        var expected = Keccak256.HashData([.. Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n5"), .. message]);
        Assert.Equal(expected, PersonalMessage.HashData(message));

        var large = new byte[2000];
        Assert.Equal(Keccak256.HashData([.. Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n2000"), .. large]), PersonalMessage.HashData(large));
    }
}
