using Livepeer.Abstractions;
using Livepeer.Host.Payments;

namespace Livepeer.Host.Tests.Payments;

public sealed class LocalSenderMonitorTests : IDisposable
{
    private readonly TicketFixtures _fixtures = new(new BrokerOptions
    {
        PoolSize = 2,
        Senders = new Dictionary<EthAddress, SenderConfiguration> { [TicketFixtures.Sender.Address] = new(1000, 600, 0) },
    });

    public void Dispose() => _fixtures.Dispose();

    [Fact]
    public async Task Max_float_is_the_reserve_allocation_minus_pending_unless_the_deposit_covers_three_times_pending()
    {
        var monitor = new LocalSenderMonitor(_fixtures.Broker, TicketFixtures.Recipient);
        var sender = TicketFixtures.Sender.Address;

        // reserveAlloc = (600 + 0) / 2 − 0.
        Assert.Equal(300, await monitor.ReserveAllocAsync(sender, CancellationToken.None));
        Assert.Equal(300, await monitor.GetMaxFloatAsync(sender, CancellationToken.None));

        monitor.AddPending(sender, 333);
        Assert.Equal(300, await monitor.GetMaxFloatAsync(sender, CancellationToken.None)); // 1000 ≥ 3 × 333
        monitor.AddPending(sender, 1);
        Assert.Equal(0, await monitor.GetMaxFloatAsync(sender, CancellationToken.None)); // 1000 < 3 × 334: 300 − 334 < 0
        monitor.AddPending(sender, -234);
        Assert.Equal(300, await monitor.GetMaxFloatAsync(sender, CancellationToken.None)); // pending 100
        Assert.Equal(300 + 1000 - 100, await monitor.AvailableFundsAsync(sender, CancellationToken.None));
        monitor.AddPending(sender, -100);
        Assert.Equal(0, monitor.Pending(sender));
    }

    [Fact]
    public async Task Max_float_drops_by_what_this_recipient_claimed_this_round()
    {
        var monitor = new LocalSenderMonitor(_fixtures.Broker, TicketFixtures.Recipient);
        await _fixtures.Broker.RedeemWinningTicketAsync(_fixtures.Ticket(1100), CancellationToken.None);

        // Deposit 1000 paid, 100 from the reserve: (500 + 100) / 2 − 100 = 200.
        Assert.Equal(200, await monitor.GetMaxFloatAsync(TicketFixtures.Sender.Address, CancellationToken.None));
        var other = new LocalSenderMonitor(_fixtures.Broker, EthAddress.Parse("0x2222222222222222222222222222222222222222"));
        Assert.Equal(300, await other.GetMaxFloatAsync(TicketFixtures.Sender.Address, CancellationToken.None));
    }

    [Fact]
    public void Subscribers_hear_of_changes_until_they_unsubscribe()
    {
        var monitor = new LocalSenderMonitor(_fixtures.Broker, TicketFixtures.Recipient);
        var heard = 0;
        var subscription = monitor.Subscribe(TicketFixtures.Sender.Address, () => heard++);
        monitor.AddPending(TicketFixtures.Sender.Address, 5);
        monitor.NotifyChanged(EthAddress.Parse("0x2222222222222222222222222222222222222222"));
        Assert.Equal(1, heard);
        subscription.Dispose();
        monitor.AddPending(TicketFixtures.Sender.Address, -5);
        Assert.Equal(1, heard);
    }
}
