using System.Numerics;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Payments;

namespace Livepeer.Host.Tests.Payments;

public sealed class WinningTicketQueueTests : IDisposable
{
    private readonly TicketFixtures _fixtures = new();

    public void Dispose() => _fixtures.Dispose();

    [Fact]
    public async Task An_enqueued_ticket_survives_reopening_the_database_intact()
    {
        var ticket = _fixtures.Ticket(new BigInteger(500), nonce: 7);
        await new SqliteWinningTicketQueue(_fixtures.Database).EnqueueAsync(ticket, CancellationToken.None);

        var reopened = new SqliteWinningTicketQueue(_fixtures.Reopen());
        var stored = Assert.Single(await reopened.LoadUnredeemedAsync(10, CancellationToken.None));
        Assert.Equal(ticket.Ticket, stored.Ticket);
        Assert.Equal(ticket.Signature.ToArray(), stored.Signature.ToArray());
        Assert.Equal(ticket.RecipientRand, stored.RecipientRand);
        Assert.Equal(ticket.Ticket.ComputeHash(), stored.Ticket.ComputeHash());
    }

    [Fact]
    public async Task Enqueueing_the_same_ticket_twice_keeps_one()
    {
        var queue = new SqliteWinningTicketQueue(_fixtures.Database);
        var ticket = _fixtures.Ticket(new BigInteger(500));
        await queue.EnqueueAsync(ticket, CancellationToken.None);
        await queue.EnqueueAsync(ticket, CancellationToken.None);
        Assert.Single(await queue.LoadUnredeemedAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Due_tickets_are_those_expired_and_recent_enough_earliest_first()
    {
        var queue = new SqliteWinningTicketQueue(_fixtures.Database);
        var block = _fixtures.Chain.CurrentBlock;
        var round = _fixtures.Chain.CurrentRound;
        var later = _fixtures.Ticket(new BigInteger(1), nonce: 1, expirationBlock: block + 1);
        var first = _fixtures.Ticket(new BigInteger(2), nonce: 2, expirationBlock: block - 1);
        var now = _fixtures.Ticket(new BigInteger(3), nonce: 3, expirationBlock: block);
        var tooOld = _fixtures.Ticket(new BigInteger(4), nonce: 4, expirationBlock: block - 5, creationRound: round - 3);
        foreach (var t in new[] { later, first, now, tooOld })
        {
            await queue.EnqueueAsync(t, CancellationToken.None);
        }

        var due = await queue.LoadDueAsync(round - 2, block, 10, CancellationToken.None);
        Assert.Equal([2, 3], due.Select(t => (int)t.Ticket.FaceValue));

        await queue.MarkRedeemedAsync(first.Signature, first.Ticket.ComputeHash(), null, CancellationToken.None);
        var status = await queue.StatusAsync(first.Signature, CancellationToken.None);
        Assert.NotNull(status!.Value.RedeemedAt);
        Assert.Equal(first.Ticket.ComputeHash().ToString(), status.Value.TxHash);
        Assert.Equal([3], (await queue.LoadDueAsync(round - 2, block, 10, CancellationToken.None)).Select(t => (int)t.Ticket.FaceValue));
        Assert.Equal(3, (await queue.LoadUnredeemedAsync(10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_ticket_without_signature_or_with_an_absurd_expiration_is_refused()
    {
        var queue = new SqliteWinningTicketQueue(_fixtures.Database);
        var ticket = _fixtures.Ticket(new BigInteger(5));
        await Assert.ThrowsAsync<PaymentException>(async () => await queue.EnqueueAsync(ticket with { Signature = [] }, CancellationToken.None));
        await Assert.ThrowsAsync<PaymentException>(async () => await queue.EnqueueAsync(
            ticket with { Ticket = ticket.Ticket with { ParamsExpirationBlock = BigInteger.One << 70 } }, CancellationToken.None));
        Assert.Empty(await queue.LoadUnredeemedAsync(10, CancellationToken.None));
    }
}
