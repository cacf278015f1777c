using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;
using Xunit;

namespace Livepeer.Abstractions.Tests.Payments;

/// <summary>The seven hash vectors of go-livepeer's pm/ticket_test.go TestHash (protocols §4.2).</summary>
public sealed class TicketHashTests
{
    private const string RandHash = "41b1a0649752af1b28b3dc29a1556eee781e4a4c3a1f7f53f90fa834de098c4d";

    private static readonly Ticket Empty = new(
        EthAddress.Zero, EthAddress.Zero, BigInteger.Zero, BigInteger.Zero, 0, Hash32.Zero, 0, Hash32.Zero, BigInteger.Zero);

    public static TheoryData<string, string> Vectors => new()
    {
        { "nonce-max", "e1393fc7f6de093780674022f96cb8e3872235167d037c04d554e58c0e63d280" },
        { "nonce-1", "ce0918ba94518293e9712effbe5fca4f1f431089833a5b8c257cb1e024595f68" },
        { "fv1-wp500", "87ef13f2d37e4d5352a01d3c77b8179d80e0887f1953bfabfd0bfd7b0f689ddd" },
        { "fv500-wp1", "aa4b35071043587992ac8b9dd1b2cf1d8311130e6458cf0b2342484e21af5f5b" },
        { "recipient", "81e353ae39046e2b77b9f996abbaeed527fda559b61ef90f299c4499dd508ccc" },
        { "randhash", "be5eaf9a49a39540b9bb02f1a21904f61324a29819e2c032824bfaa10c100b17" },
        { "auxdata", "e502907c16036ab3d11b78c5a2e93c20f3d6415c67f91de4ed01348182b3b2e2" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void HashMatchesUpstreamVector(string name, string expected)
    {
        var ticket = name switch
        {
            "nonce-max" => Empty with { SenderNonce = uint.MaxValue },
            "nonce-1" => Empty with { SenderNonce = 1 },
            "fv1-wp500" => Empty with { FaceValue = 1, WinProbability = 500 },
            "fv500-wp1" => Empty with { FaceValue = 500, WinProbability = 1 },
            "recipient" => Empty with { Recipient = EthAddress.Parse("0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F") },
            "randhash" => Empty with { RecipientRandHash = Hash32.Parse(RandHash) },
            "auxdata" => Empty with { CreationRound = 10, CreationRoundBlockHash = Hash32.Parse(RandHash) },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        Assert.Equal("0x" + expected, ticket.ComputeHash().ToString());
    }

    [Theory]
    [InlineData(0, false, 168)]
    [InlineData(0, true, 232)]
    [InlineData(5, false, 232)]
    public void AuxDataIsPresentUnlessRoundAndHashAreBothZero(long round, bool withHash, int expectedLength)
    {
        var ticket = Empty with { CreationRound = round, CreationRoundBlockHash = withHash ? Hash32.Parse(RandHash) : Hash32.Zero };
        Span<byte> buffer = stackalloc byte[232];
        Assert.Equal(expectedLength, ticket.WritePacked(buffer));
    }

    [Fact]
    public void ValuesWiderThan256BitsOrNegativeAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (Empty with { FaceValue = BigInteger.One << 256 }).ComputeHash());
        Assert.Throws<ArgumentOutOfRangeException>(() => (Empty with { WinProbability = BigInteger.MinusOne }).ComputeHash());
    }

    [Fact]
    public void ExpectedValueIsExact()
    {
        var ticket = Empty with { FaceValue = 1000, WinProbability = TicketParams.MaxWinProbability / 4 };
        Assert.Equal(new Rational(1000 * (TicketParams.MaxWinProbability / 4), TicketParams.MaxWinProbability), ticket.ExpectedValue);
    }
}
