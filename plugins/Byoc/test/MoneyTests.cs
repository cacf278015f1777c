using System.Net;
using Livepeer.Abstractions;
using Livepeer.Plugins.Byoc.Billing;
using Livepeer.Plugins.Byoc.Tests.Fakes;

namespace Livepeer.Plugins.Byoc.Tests;

public sealed class MoneyTests
{
    // echo costs 10 wei a second: 60 s of compute = 600 wei before a start.
    private static Task<ByocTestServer> MeteredAsync() => ByocTestServer.StartAsync(metered: true, echoPrice: 10);

    private static readonly EthAddress Sender = ByocTestServer.Sender;

    [Fact]
    public async Task A_start_without_enough_payment_is_a_402_and_leaks_nothing()
    {
        await using var server = await MeteredAsync();
        using var none = await server.PostAsync("ai/stream/start", server.Job("echo", "p1"), "{}");
        Assert.Equal(HttpStatusCode.PaymentRequired, none.StatusCode);
        using var little = await server.PostAsync("ai/stream/start", server.Job("echo", "p1"), "{}", TestLedger.Pay(Sender, 599, "1"));
        Assert.Equal(HttpStatusCode.PaymentRequired, little.StatusCode);
        server.AssertNothingLeaks();
    }

    [Fact]
    public async Task A_paid_start_reports_its_balance_and_the_stream_is_debited_then_stopped_after_one_grace_period()
    {
        await using var server = await MeteredAsync();
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "p2"), "{}", TestLedger.Pay(Sender, 600, "2"));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("600", start.Headers.GetValues("Livepeer-Balance").Single());
        var ledger = ByocBilling.StreamLedger("echo", "p2");

        server.Clock.Advance(TimeSpan.FromSeconds(23));
        await server.Monitor.CheckOnceAsync(CancellationToken.None);
        Assert.Equal(new Rational(600 - 230, 1), server.Ledger!.Balance(Sender, ledger));

        server.Clock.Advance(TimeSpan.FromSeconds(23));
        await server.Monitor.CheckOnceAsync(CancellationToken.None);
        server.Clock.Advance(TimeSpan.FromSeconds(23));
        await server.Monitor.CheckOnceAsync(CancellationToken.None);
        Assert.Equal(1, server.Streams.Count); // 600 - 690 < 0: the grace period starts

        server.Clock.Advance(TimeSpan.FromSeconds(23));
        await server.Monitor.CheckOnceAsync(CancellationToken.None);
        server.AssertNothingLeaks(); // second negative debit: stopped
    }

    [Fact]
    public async Task A_payment_during_the_grace_period_keeps_the_stream_going()
    {
        await using var server = await MeteredAsync();
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "p3"), "{}", TestLedger.Pay(Sender, 600, "3"));
        for (var i = 0; i < 3; i++)
        {
            server.Clock.Advance(TimeSpan.FromSeconds(23));
            await server.Monitor.CheckOnceAsync(CancellationToken.None);
        }

        using var pay = await server.PostAsync("ai/stream/payment", server.Job("echo", "p3"), "", TestLedger.Pay(Sender, 1000, "4"), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
        Assert.Equal("910", pay.Headers.GetValues("Livepeer-Balance").Single());
        server.Clock.Advance(TimeSpan.FromSeconds(23));
        await server.Monitor.CheckOnceAsync(CancellationToken.None);
        Assert.Equal(1, server.Streams.Count);
    }

    [Fact]
    public async Task Two_concurrent_streams_of_one_sender_keep_separate_balances()
    {
        await using var server = await MeteredAsync();
        using var a = await server.PostAsync("ai/stream/start", server.Job("echo", "a"), "{}", TestLedger.Pay(Sender, 600, "5"));
        using var b = await server.PostAsync("ai/stream/start", server.Job("echo", "b"), "{}", TestLedger.Pay(Sender, 5000, "6"));
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        for (var i = 0; i < 4; i++)
        {
            server.Clock.Advance(TimeSpan.FromSeconds(23));
            await server.Monitor.CheckOnceAsync(CancellationToken.None);
        }

        Assert.Null(server.Streams.Find("a")); // a ran out; b's money did not carry it
        Assert.NotNull(server.Streams.Find("b"));
        Assert.Equal(new Rational(5000 - (4 * 230), 1), server.Ledger!.Balance(Sender, ByocBilling.StreamLedger("echo", "b")));
    }

    [Fact]
    public async Task Forged_and_replayed_payments_are_refused_and_credit_nothing()
    {
        await using var server = await MeteredAsync();
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "f"), "{}", TestLedger.Pay(Sender, 600, "7"));
        var ledger = ByocBilling.StreamLedger("echo", "f");

        using var forged = await server.PostAsync("ai/stream/payment", server.Job("echo", "f"), "", "forged");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var replayed = await server.PostAsync("ai/stream/payment", server.Job("echo", "f"), "", TestLedger.Pay(Sender, 600, "7"));
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        var other = EthAddress.Parse("0x3333333333333333333333333333333333333333");
        using var foreign = await server.PostAsync("ai/stream/payment", server.Job("echo", "f"), "", TestLedger.Pay(other, 600, "8"));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(new Rational(600, 1), server.Ledger!.Balance(Sender, ledger));

        using var forgedStart = await server.PostAsync("ai/stream/start", server.Job("echo", "f2"), "{}", "forged");
        Assert.Equal(HttpStatusCode.BadRequest, forgedStart.StatusCode);
        Assert.Equal(1, server.Streams.Count);
    }

    [Fact]
    public async Task Payments_after_stop_are_answered_200_and_credit_nothing()
    {
        await using var server = await MeteredAsync();
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "late"), "{}", TestLedger.Pay(Sender, 600, "9"));
        using var stop = await server.PostAsync("ai/stream/stop", server.Job("echo", "late"), """{"stream_id": "late"}""");
        using var pay = await server.PostAsync("ai/stream/payment", server.Job("echo", "late"), "", TestLedger.Pay(Sender, 600, "10"), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, pay.StatusCode);
        Assert.Equal(new Rational(600, 1), server.Ledger!.Balance(Sender, ByocBilling.StreamLedger("echo", "late")));
        server.AssertNothingLeaks();
    }

    [Fact]
    public async Task With_the_none_scheme_nothing_is_charged_and_payments_are_ignored()
    {
        await using var server = await ByocTestServer.StartAsync(echoPrice: 10);
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "free"), "{}", "anything");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.False(start.Headers.Contains("Livepeer-Balance"));
        for (var i = 0; i < 10; i++)
        {
            server.Clock.Advance(TimeSpan.FromSeconds(23));
            await server.Monitor.CheckOnceAsync(CancellationToken.None);
        }

        Assert.Equal(1, server.Streams.Count);
    }
}
