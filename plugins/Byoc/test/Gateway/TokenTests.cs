using System.Numerics;
using System.Text;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Livepeer.Plugins.Byoc.Gateway;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;
using Livepeer.Plugins.Byoc.Orchestrator;
using Livepeer.Plugins.Byoc.Tests.Fakes;
using Livepeer.Testing;

namespace Livepeer.Plugins.Byoc.Tests.Gateway;

/// <summary>The gateway's reading of <c>GET /process/token</c>, against what this plugin's orchestrator side writes.</summary>
public sealed class TokenTests
{
    private static readonly Uri Orchestrator = new("https://o1.example:8935");

    [Fact]
    public void Every_field_the_orchestrator_side_writes_is_read_back()
    {
        var ticketParams = new TicketParams(
            EthAddress.Parse("0x00000000000000000000000000000000000000aa"),
            BigInteger.Parse("1000000000000000", System.Globalization.CultureInfo.InvariantCulture),
            TicketParams.MaxWinProbability / 3,
            Hash32.Parse("0x" + new string('1', 63) + "2"),
            BigInteger.One << 200,
            1234)
        {
            ExpirationParams = new TicketExpirationParams(77, Hash32.Parse("0x" + new string('a', 64))),
        };
        var json = JobToken.Build("0x1111111111111111111111111111111111111111", "0xsig", ticketParams, 42, new Price(1500, 7), "https://o1.example:8935", 3).ToJsonString();

        var token = OrchestratorToken.Parse(Orchestrator, Encoding.UTF8.GetBytes(json));

        Assert.Equal(new Price(1500, 7), token.Price);
        Assert.Equal(ticketParams, token.TicketParams);
        Assert.Equal(ticketParams.ExpirationParams, token.TicketParams!.ExpirationParams);
        Assert.Equal(42, token.Balance);
        Assert.Equal(3, token.AvailableCapacity);
        Assert.Equal("https://o1.example:8935", token.ServiceAddress);
        Assert.Equal(ticketParams.Recipient, token.Info.Address);
    }

    [Fact]
    public void An_offchain_free_token_without_capacity_reads_as_such()
    {
        var json = JobToken.Build("0x1111111111111111111111111111111111111111", "", null, 0, Price.Free, "https://o", 0).ToJsonString();
        var token = OrchestratorToken.Parse(Orchestrator, Encoding.UTF8.GetBytes(json));
        Assert.True(token.Price.IsFree);
        Assert.Null(token.TicketParams);
        Assert.Equal(0, token.AvailableCapacity);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("""{"price":{"pricePerUnit":5}}""")]
    [InlineData("""{"price":{"pricePerUnit":-5,"pixelsPerUnit":1}}""")]
    [InlineData("""{"price":{"pricePerUnit":"5","pixelsPerUnit":1}}""")]
    [InlineData("""{"available_capacity":1.5}""")]
    [InlineData("""{"ticket_params":{"recipient":"not base64!"}}""")]
    [InlineData("""{"ticket_params":{"recipient":"AAAA"}}""")]
    [InlineData("""{"ticket_params":{"recipient":"AAAAAAAAAAAAAAAAAAAAAAAAAAA=","face_value":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}""")]
    [InlineData("""{"a":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}""")]
    public void Garbage_is_a_format_error(string json)
    {
        Assert.Throws<FormatException>(() => OrchestratorToken.Parse(Orchestrator, Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Random_and_mutated_tokens_never_throw_anything_but_a_format_error()
    {
        var valid = Encoding.UTF8.GetBytes(JobToken.Build("0x11", "", new TicketParams(EthAddress.Zero, 5, 6, Hash32.Zero, 7, 8), 1, new Price(3, 1), "x", 1).ToJsonString());
        var random = new Random(5);
        for (var i = 0; i < 2000; i++)
        {
            var input = (byte[])valid.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                input[random.Next(input.Length)] = (byte)random.Next(256);
            }

            try
            {
                OrchestratorToken.Parse(Orchestrator, input);
            }
            catch (FormatException)
            {
            }
        }
    }

    [Fact]
    public async Task The_gateway_fetches_a_signed_token_from_the_real_orchestrator_side()
    {
        var verifier = new FakeVerifier();
        await using var orchestrator = await OrchestratorNode.StartAsync(verifier);
        await using var worker = await FakeWorker.StartAsync();
        await orchestrator.RegisterAsync(worker.Url, "w", capacity: 2, price: 9);
        using var client = new OrchestratorClient(new JobSigner(verifier.Account(GatewayNode.Address), JobSignatureFormat.V0), insecureSkipVerify: true);

        var token = await client.GetTokenAsync(orchestrator.Url, "w", TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(2, token.AvailableCapacity);
        Assert.Equal(new Price(9, 1), token.Price);
        Assert.Equal(orchestrator.Url, token.Orchestrator);

        // Credentials from another key are refused by the orchestrator (its signature check is real).
        using var stranger = new OrchestratorClient(new JobSigner(new FakeVerifier().Account(GatewayNode.Address), JobSignatureFormat.V0), insecureSkipVerify: true);
        var refused = await Assert.ThrowsAsync<OrchestratorUnavailableException>(() => stranger.GetTokenAsync(orchestrator.Url, "w", TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Contains("400", refused.Message, StringComparison.Ordinal);
    }
}
