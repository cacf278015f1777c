using System.Numerics;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Grpc;
using Livepeer.Host.Redeemer;
using Livepeer.Host.Tests.Payments;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Host.Tests.Redeemer;

/// <summary>The orchestrator's -redeemerAddr client against a real redeemer node; its cache runs on a manual clock.</summary>
public sealed class RedeemerClientTests : IDisposable
{
    private readonly TicketFixtures _fixtures = new();
    private readonly ManualTimeProvider _time = new();
    private readonly HttpClient _http = GrpcClient.CreateHttpClient();

    public void Dispose()
    {
        _http.Dispose();
        _fixtures.Dispose();
    }

    private RedeemerClient Client(Uri redeemer) => new(redeemer, new GrpcClient(_http), _time, NullLogger<RedeemerClient>.Instance);

    [Fact]
    public async Task Queued_tickets_land_in_the_redeemers_database_and_failures_are_payment_errors()
    {
        await using var node = await RedeemerNode.StartAsync();
        using var client = Client(node.Service);
        var ticket = _fixtures.Ticket(77, recipient: node.Recipient());
        await client.EnqueueAsync(ticket, CancellationToken.None);
        Assert.Equal(ticket.Ticket, Assert.Single(await node.Queue().LoadUnredeemedAsync(10, CancellationToken.None)).Ticket);

        var refused = await Assert.ThrowsAsync<PaymentException>(async () => await client.EnqueueAsync(_fixtures.Ticket(1, nonce: 5), CancellationToken.None));
        Assert.Contains("invalid ticket recipient", refused.Message, StringComparison.Ordinal);

        using var nobody = Client(new Uri("https://127.0.0.1:1"));
        await Assert.ThrowsAsync<PaymentException>(async () => await nobody.EnqueueAsync(ticket, CancellationToken.None));
        await Assert.ThrowsAsync<PaymentException>(async () => await nobody.GetMaxFloatAsync(TicketFixtures.Sender.Address, CancellationToken.None));
    }

    [Fact]
    public async Task Max_float_is_cached_kept_current_by_the_stream_and_dropped_after_five_idle_minutes()
    {
        await using var node = await RedeemerNode.StartAsync();
        using var client = Client(node.Service);
        await client.StartAsync(CancellationToken.None);
        var sender = TicketFixtures.Sender.Address;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        Assert.Equal(new BigInteger(600), await client.GetMaxFloatAsync(sender, CancellationToken.None));
        Assert.Equal([sender], client.CachedSenders);

        // The redeemer's max float changes; the stream brings it, nudged until its subscription is in place.
        node.Monitor().AddPending(sender, 400);
        while (await client.GetMaxFloatAsync(sender, CancellationToken.None) != 200)
        {
            node.Monitor().NotifyChanged(sender);
            await Task.Delay(20, timeout.Token);
        }

        // Asked for within five minutes: kept by the first sweep.
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(new BigInteger(200), await client.GetMaxFloatAsync(sender, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([sender], client.CachedSenders);

        // Idle for more than five minutes: the next sweep drops it and closes the stream.
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(client.CachedSenders);

        // The next request asks the redeemer again.
        node.Monitor().AddPending(sender, -400);
        Assert.Equal(new BigInteger(600), await client.GetMaxFloatAsync(sender, CancellationToken.None));
        Assert.Equal([sender], client.CachedSenders);
    }

    [Fact]
    public async Task A_broken_stream_forgets_the_sender()
    {
        var node = await RedeemerNode.StartAsync();
        using var client = Client(node.Service);
        var sender = TicketFixtures.Sender.Address;
        Assert.Equal(new BigInteger(600), await client.GetMaxFloatAsync(sender, CancellationToken.None));
        Assert.Single(client.CachedSenders);
        await node.DisposeAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (client.CachedSenders.Count > 0)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
