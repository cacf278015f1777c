using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Crypto;
using Livepeer.Host.Payments;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Host.Tests.Payments;

public sealed class TicketRedemptionWorkerTests : IDisposable
{
    private readonly TicketFixtures _fixtures = new();

    public void Dispose() => _fixtures.Dispose();

    private TicketRedemptionWorker Worker(out SqliteWinningTicketQueue queue)
    {
        queue = new SqliteWinningTicketQueue(_fixtures.Database);
        var monitor = new LocalSenderMonitor(_fixtures.Broker, TicketFixtures.Recipient);
        return new TicketRedemptionWorker(queue, _fixtures.Broker, monitor, _fixtures.Options, _fixtures.Time, NullLogger<TicketRedemptionWorker>.Instance);
    }

    private void AdvanceBlocks(int blocks) => _fixtures.Time.Advance(_fixtures.Options.BlockInterval * blocks);

    private async Task<SenderFunds> FundsAsync() => await _fixtures.Broker.GetSenderFundsAsync(TicketFixtures.Sender.Address, CancellationToken.None);

    [Fact]
    public async Task A_ticket_is_redeemed_once_its_params_expired_and_not_before()
    {
        var worker = Worker(out var queue);
        var ticket = _fixtures.Ticket(400, expirationBlock: _fixtures.Chain.CurrentBlock + 40);
        await queue.EnqueueAsync(ticket, CancellationToken.None);

        Assert.Equal(0, await worker.RedeemDueAsync(CancellationToken.None));
        AdvanceBlocks(39);
        Assert.Equal(0, await worker.RedeemDueAsync(CancellationToken.None));
        Assert.Equal(new SenderFunds(1000, 600, 0, 0), await FundsAsync());

        AdvanceBlocks(1);
        Assert.Equal(1, await worker.RedeemDueAsync(CancellationToken.None));
        Assert.Equal(new SenderFunds(600, 600, 0, 0), await FundsAsync());
        var status = await queue.StatusAsync(ticket.Signature, CancellationToken.None);
        Assert.Equal(ticket.Ticket.ComputeHash().ToString(), status!.Value.TxHash);
        Assert.Null(status.Value.Error);
        Assert.Equal(0, await worker.RedeemDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Earliest_tickets_go_first_and_the_money_runs_out_in_that_order()
    {
        var worker = Worker(out var queue);
        var block = _fixtures.Chain.CurrentBlock;
        var first = _fixtures.Ticket(1000, nonce: 1, expirationBlock: block);
        var second = _fixtures.Ticket(900, nonce: 2, expirationBlock: block);
        await queue.EnqueueAsync(first, CancellationToken.None);
        await queue.EnqueueAsync(second, CancellationToken.None);
        Assert.Equal(2, await worker.RedeemDueAsync(CancellationToken.None));

        // 1000 from the deposit, then 600 of the 900 from the reserve.
        Assert.Equal(new SenderFunds(0, 0, 600, 0), await FundsAsync());
    }

    [Fact]
    public async Task Retryable_errors_keep_the_ticket_and_final_errors_take_it_out()
    {
        var worker = Worker(out var queue);
        var block = _fixtures.Chain.CurrentBlock;
        var broke = new EthereumAccount(Convert.FromHexString("2222222222222222222222222222222222222222222222222222222222222222"));
        var noFunds = _fixtures.Ticket(10, nonce: 1, expirationBlock: block, signer: broke);
        var lost = _fixtures.Ticket(10, nonce: 2, expirationBlock: block, winProbability: 0);
        await queue.EnqueueAsync(noFunds, CancellationToken.None);
        await queue.EnqueueAsync(lost, CancellationToken.None);

        Assert.Equal(1, await worker.RedeemDueAsync(CancellationToken.None));
        var lostStatus = await queue.StatusAsync(lost.Signature, CancellationToken.None);
        Assert.Equal("transaction failed: ticket did not win", lostStatus!.Value.Error);
        Assert.Equal(Hash32.Zero.ToString(), lostStatus.Value.TxHash);
        Assert.Null((await queue.StatusAsync(noFunds.Signature, CancellationToken.None))!.Value.RedeemedAt);

        // Still there next block, still retried.
        AdvanceBlocks(1);
        Assert.Equal(0, await worker.RedeemDueAsync(CancellationToken.None));
        Assert.Single(await queue.LoadUnredeemedAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task A_ticket_redeemed_elsewhere_leaves_the_queue_as_used()
    {
        var worker = Worker(out var queue);
        var ticket = _fixtures.Ticket(10, expirationBlock: _fixtures.Chain.CurrentBlock);
        await _fixtures.Broker.RedeemWinningTicketAsync(ticket, CancellationToken.None);
        await queue.EnqueueAsync(ticket, CancellationToken.None);
        Assert.Equal(1, await worker.RedeemDueAsync(CancellationToken.None));
        Assert.Equal("ticket is used", (await queue.StatusAsync(ticket.Signature, CancellationToken.None))!.Value.Error);
    }

    [Fact]
    public async Task A_face_value_below_the_redemption_cost_waits()
    {
        _fixtures.Dispose();
        using var costly = new TicketFixtures(new BrokerOptions
        {
            GasPrice = 1,
            RedeemGas = 100,
            Senders = new Dictionary<EthAddress, SenderConfiguration> { [TicketFixtures.Sender.Address] = new(1000, 0, 0) },
        });
        var queue = new SqliteWinningTicketQueue(costly.Database);
        var worker = new TicketRedemptionWorker(queue, costly.Broker, new LocalSenderMonitor(costly.Broker, TicketFixtures.Recipient), costly.Options, costly.Time, NullLogger<TicketRedemptionWorker>.Instance);
        var cheap = costly.Ticket(100, nonce: 1, expirationBlock: costly.Chain.CurrentBlock);
        var worthIt = costly.Ticket(101, nonce: 2, expirationBlock: costly.Chain.CurrentBlock);
        await queue.EnqueueAsync(cheap, CancellationToken.None);
        await queue.EnqueueAsync(worthIt, CancellationToken.None);
        Assert.Equal(1, await worker.RedeemDueAsync(CancellationToken.None));
        Assert.Equal(cheap.Signature.ToArray(), Assert.Single(await queue.LoadUnredeemedAsync(10, CancellationToken.None)).Signature.ToArray());
    }

    [Fact]
    public async Task Nothing_is_lost_across_a_restart()
    {
        var ticket = _fixtures.Ticket(250, expirationBlock: _fixtures.Chain.CurrentBlock + 2);
        await Worker(out var queue).StartAsync(CancellationToken.None);
        await queue.EnqueueAsync(ticket, CancellationToken.None);
        _fixtures.Reopen();

        AdvanceBlocks(2);
        var restarted = Worker(out var reopened);
        Assert.Equal(1, await restarted.RedeemDueAsync(CancellationToken.None));
        Assert.Equal(new SenderFunds(750, 600, 0, 0), await FundsAsync());
        Assert.Empty(await reopened.LoadUnredeemedAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task The_hosted_loop_redeems_as_blocks_pass()
    {
        var worker = Worker(out var queue);
        var ticket = _fixtures.Ticket(100, expirationBlock: _fixtures.Chain.CurrentBlock + 3);
        await queue.EnqueueAsync(ticket, CancellationToken.None);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while ((await queue.StatusAsync(ticket.Signature, CancellationToken.None))!.Value.RedeemedAt is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "the worker did not redeem the ticket");
                await Task.Delay(20);
                AdvanceBlocks(1);
            }
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Assert.Equal(new SenderFunds(900, 600, 0, 0), await FundsAsync());
    }
}
