using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Crypto;
using Livepeer.Host.Payments;

namespace Livepeer.Host.Tests.Payments;

public sealed class EmbeddedTicketBrokerTests : IDisposable
{
    private static readonly EthAddress OtherRecipient = EthAddress.Parse("0x1111111111111111111111111111111111111111");
    private TicketFixtures _fixtures = new();

    public void Dispose() => _fixtures.Dispose();

    private static BrokerOptions Funds(long deposit, long reserve, int poolSize = 1) => new()
    {
        PoolSize = poolSize,
        Senders = new Dictionary<EthAddress, SenderConfiguration> { [TicketFixtures.Sender.Address] = new(deposit, reserve, 0) },
    };

    private void Use(BrokerOptions options)
    {
        _fixtures.Dispose();
        _fixtures = new TicketFixtures(options);
    }

    private ValueTask Redeem(WinningTicket ticket) => _fixtures.Broker.RedeemWinningTicketAsync(ticket, CancellationToken.None);

    private async Task<SenderFunds> FundsAsync() => await _fixtures.Broker.GetSenderFundsAsync(TicketFixtures.Sender.Address, CancellationToken.None);

    [Fact]
    public async Task Pays_from_the_deposit_first_then_from_the_reserve()
    {
        Assert.Equal(new SenderFunds(1000, 600, 0, 0), await FundsAsync());
        await Redeem(_fixtures.Ticket(700, nonce: 1));
        Assert.Equal(new SenderFunds(300, 600, 0, 0), await FundsAsync());

        await Redeem(_fixtures.Ticket(500, nonce: 2));
        Assert.Equal(new SenderFunds(0, 400, 200, 0), await FundsAsync());
        Assert.Equal(200, await _fixtures.Broker.GetClaimedReserveAsync(TicketFixtures.Sender.Address, TicketFixtures.Recipient, CancellationToken.None));
        Assert.Equal(0, await _fixtures.Broker.GetClaimedReserveAsync(TicketFixtures.Sender.Address, OtherRecipient, CancellationToken.None));
    }

    [Fact]
    public async Task The_reserve_is_shared_by_the_pool_and_a_recipient_gets_at_most_its_share()
    {
        Use(Funds(100, 600, poolSize: 3));
        await Redeem(_fixtures.Ticket(500, nonce: 1));
        Assert.Equal(new SenderFunds(0, 400, 200, 0), await FundsAsync());

        // Its share, (400 + 200) / 3 − 200, is spent: the ticket is used and pays nothing.
        var unpaid = _fixtures.Ticket(500, nonce: 2);
        await Redeem(unpaid);
        Assert.Equal(new SenderFunds(0, 400, 200, 0), await FundsAsync());
        Assert.True(await _fixtures.Broker.IsUsedTicketAsync(unpaid.Ticket.ComputeHash(), CancellationToken.None));

        // Another recipient has its own share: (400 + 200) / 3 − 0 = 200.
        await Redeem(_fixtures.Ticket(300, nonce: 3, recipient: OtherRecipient));
        Assert.Equal(new SenderFunds(0, 200, 400, 0), await FundsAsync());
    }

    [Fact]
    public async Task Claims_count_per_round()
    {
        Use(Funds(0, 900, poolSize: 3));
        await Redeem(_fixtures.Ticket(300, nonce: 1));
        Assert.Equal(new SenderFunds(0, 600, 300, 0), await FundsAsync());
        _fixtures.Time.Advance(_fixtures.Options.BlockInterval * _fixtures.Options.RoundLength);
        Assert.Equal(new SenderFunds(0, 600, 0, 0), await FundsAsync());
        Assert.Equal(0, await _fixtures.Broker.GetClaimedReserveAsync(TicketFixtures.Sender.Address, TicketFixtures.Recipient, CancellationToken.None));
    }

    [Fact]
    public async Task A_used_ticket_is_refused_with_upstreams_error()
    {
        var ticket = _fixtures.Ticket(10);
        await Redeem(ticket);
        Assert.Equal("ticket is used", (await Assert.ThrowsAsync<PaymentException>(async () => await Redeem(ticket))).Message);
        Assert.Equal(new SenderFunds(990, 600, 0, 0), await FundsAsync());
    }

    [Fact]
    public async Task Contract_checks_fail_as_a_failed_transaction_and_pay_nothing()
    {
        var round = _fixtures.Chain.CurrentRound;
        var good = _fixtures.Ticket(10, nonce: 9);
        var other = new EthereumAccount(Convert.FromHexString("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
        var forged = _fixtures.Ticket(10, nonce: 1, signer: other) with { };
        forged = forged with { Ticket = forged.Ticket with { Sender = TicketFixtures.Sender.Address } };
        var cases = new (WinningTicket Ticket, string Error)[]
        {
            (good with { Ticket = good.Ticket with { Recipient = EthAddress.Zero } }, "transaction failed: ticket recipient is null address"),
            (good with { Ticket = good.Ticket with { Sender = EthAddress.Zero } }, "transaction failed: ticket sender is null address"),
            (good with { Ticket = good.Ticket with { CreationRound = 0, CreationRoundBlockHash = Hash32.Zero } }, "transaction failed: invalid length for ticket auxData: must be 64 bytes"),
            (_fixtures.Ticket(10, nonce: 2, creationRound: round + 1), "ticket creationRound does not have a block hash"),
            (good with { Ticket = good.Ticket with { CreationRoundBlockHash = _fixtures.Chain.RoundBlockHash(round - 1) } }, "transaction failed: ticket creationRoundBlockHash invalid for creationRound"),
            (_fixtures.Ticket(10, nonce: 3, creationRound: round - 2), "transaction failed: ticket is expired"),
            (good with { RecipientRand = good.RecipientRand + 1 }, "transaction failed: recipientRand does not match recipientRandHash"),
            (good with { RecipientRand = BigInteger.One << 300 }, "transaction failed: recipientRand does not match recipientRandHash"),
            (forged, "transaction failed: invalid signature over ticket hash"),
            (good with { Signature = [.. new byte[65]] }, "transaction failed: invalid signature over ticket hash"),
            (_fixtures.Ticket(10, nonce: 4, winProbability: BigInteger.Zero), "transaction failed: ticket did not win"),
        };
        foreach (var (ticket, error) in cases)
        {
            Assert.Equal(error, (await Assert.ThrowsAsync<PaymentException>(async () => await Redeem(ticket))).Message);
            Assert.True(TicketRedemptionWorker.IsFinal(error));
        }

        Assert.Equal(new SenderFunds(1000, 600, 0, 0), await FundsAsync());
        await Redeem(good);
        Assert.Equal(new SenderFunds(990, 600, 0, 0), await FundsAsync());
    }

    [Fact]
    public async Task A_sender_without_funds_cannot_be_redeemed_from()
    {
        var stranger = new EthereumAccount(Convert.FromHexString("1111111111111111111111111111111111111111111111111111111111111111"));
        Assert.Equal(SenderFunds.None, await _fixtures.Broker.GetSenderFundsAsync(stranger.Address, CancellationToken.None));
        var error = await Assert.ThrowsAsync<PaymentException>(async () => await Redeem(_fixtures.Ticket(10, signer: stranger)));
        Assert.Equal("transaction failed: sender deposit and reserve are zero", error.Message);
    }

    [Fact]
    public async Task Default_funds_apply_to_unlisted_senders()
    {
        Use(new BrokerOptions { DefaultSender = new SenderConfiguration(50, 70, 0) });
        Assert.Equal(new SenderFunds(50, 70, 0, 0), await FundsAsync());
        await Redeem(_fixtures.Ticket(60));
        Assert.Equal(new SenderFunds(0, 60, 10, 0), await FundsAsync());
    }

    [Fact]
    public async Task Funds_persist_across_restarts_and_a_changed_configuration_resets_them()
    {
        await Redeem(_fixtures.Ticket(700));
        _fixtures.Reopen();
        Assert.Equal(new SenderFunds(300, 600, 0, 0), await FundsAsync());

        var topUp = new EmbeddedTicketBroker(_fixtures.Database, new EmbeddedChain(Funds(5000, 600), _fixtures.Time), new Secp256k1SignatureVerifier());
        Assert.Equal(new SenderFunds(5000, 600, 0, 0), await topUp.GetSenderFundsAsync(TicketFixtures.Sender.Address, CancellationToken.None));
    }

    [Fact]
    public async Task Chain_state_follows_the_clock()
    {
        var state = await _fixtures.Broker.GetChainStateAsync(CancellationToken.None);
        var expectedBlock = _fixtures.Time.GetUtcNow().ToUnixTimeMilliseconds() / 12_000;
        Assert.Equal(expectedBlock, (long)state.LastSeenBlock);
        Assert.Equal(expectedBlock / 5760, state.LastInitializedRound);
        Assert.False(state.LastInitializedRoundBlockHash.IsZero);
        Assert.NotEqual(state.LastInitializedRoundBlockHash, state.PreviousRoundBlockHash);
        Assert.Equal(1, state.TranscoderPoolSize);
        _fixtures.Time.Advance(TimeSpan.FromSeconds(12 * 40));
        Assert.Equal(expectedBlock + 40, (long)(await _fixtures.Broker.GetChainStateAsync(CancellationToken.None)).LastSeenBlock);
    }
}
