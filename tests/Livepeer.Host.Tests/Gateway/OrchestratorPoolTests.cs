using System.Diagnostics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Gateway;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Gateway;

/// <summary>
/// The gateway's orchestrator pool (§5.2) against stand-in orchestrators over real HTTP/2. Test names follow
/// go-livepeer's discovery_test.go where one exists (named in each summary).
/// </summary>
public sealed class OrchestratorPoolTests
{
    private static readonly EthAddress AddressA = EthAddress.Parse("0x00000000000000000000000000000000000000aa");

    /// <summary>TestOrchestratorPool_GetOrchestrators, TestOrchestratorPool_LatencySorting.</summary>
    [Fact]
    public async Task All_answer_and_come_back_fastest_first()
    {
        // Each answers 150 ms after the next one has answered (3 first), so the order holds however long each
        // connection took to set up on a loaded machine.
        var answered = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        await using var fakes = await FakeOrchestrators.StartAsync(4, async (i, self, _, ct) =>
        {
            if (i < 3)
            {
                await answered[i + 1].Task.WaitAsync(ct);
                await Task.Delay(150, ct);
            }

            answered[i].TrySetResult();
            return FakeOrchestrators.Info(self);
        });
        using var http = GrpcClient.CreateHttpClient();
        var pool = PoolHarness.Create(fakes.Uris, http, new OrchestratorPoolOptions { DiscoveryTimeout = TimeSpan.FromSeconds(2) });

        var result = await pool.GetOrchestratorsAsync(4, null, null, CancellationToken.None);

        Assert.Equal([fakes.Uris[3], fakes.Uris[2], fakes.Uris[1], fakes.Uris[0]], result.Select(r => r.ServiceUri));
        Assert.Equal(4, fakes.Calls);
    }

    /// <summary>TestPoolSize: never more than asked for, never more than there are.</summary>
    [Fact]
    public async Task Returns_at_most_the_number_asked_for_and_stops_once_enough_answered()
    {
        await using var fakes = await FakeOrchestrators.StartAsync(5, async (i, self, _, ct) =>
        {
            if (i >= 2)
            {
                return await FakeOrchestrators.NeverAsync(ct);
            }

            return FakeOrchestrators.Info(self);
        });
        using var http = GrpcClient.CreateHttpClient();
        var pool = PoolHarness.Create(fakes.Uris, http, new OrchestratorPoolOptions { DiscoveryTimeout = TimeSpan.FromSeconds(5) });

        var watch = Stopwatch.StartNew();
        var two = await pool.GetOrchestratorsAsync(2, null, null, CancellationToken.None);
        Assert.Equal(2, two.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"waited {watch.Elapsed} although enough had answered");

        await using var three = await FakeOrchestrators.StartAsync(3, (_, self, _, _) => Task.FromResult(FakeOrchestrators.Info(self)));
        var all = await PoolHarness.Create(three.Uris, http).GetOrchestratorsAsync(10, null, null, CancellationToken.None);
        Assert.Equal(3, all.Count);
    }

    /// <summary>TestOrchestratorPool_GetOrchestratorTimeout: slow orchestrators are not waited for past the timeout.</summary>
    [Fact]
    public async Task Slow_orchestrators_are_left_behind_when_the_timer_fires()
    {
        await using var fakes = await FakeOrchestrators.StartAsync(5, async (i, self, _, ct) =>
            i < 3 ? FakeOrchestrators.Info(self) : await FakeOrchestrators.NeverAsync(ct));
        using var http = GrpcClient.CreateHttpClient();
        var pool = PoolHarness.Create(fakes.Uris, http, new OrchestratorPoolOptions { DiscoveryTimeout = TimeSpan.FromMilliseconds(300) });

        var watch = Stopwatch.StartNew();
        var result = await pool.GetOrchestratorsAsync(5, null, null, CancellationToken.None);

        Assert.Equal(fakes.Uris.Take(3).ToHashSet(), result.Select(r => r.ServiceUri).ToHashSet());
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
    }

    /// <summary>TestSetGetOrchestratorTimeout: with nothing accepted the timer re-arms (0.3, 0.3, 0.6 s …) instead of giving up.</summary>
    [Fact]
    public async Task The_timer_re_arms_while_nothing_was_accepted()
    {
        await using var fakes = await FakeOrchestrators.StartAsync(1, async (_, self, _, ct) =>
        {
            await Task.Delay(700, ct);
            return FakeOrchestrators.Info(self);
        });
        using var http = GrpcClient.CreateHttpClient();
        var pool = PoolHarness.Create(fakes.Uris, http, new OrchestratorPoolOptions { DiscoveryTimeout = TimeSpan.FromMilliseconds(300) });

        var result = await pool.GetOrchestratorsAsync(3, null, null, CancellationToken.None);

        Assert.Equal(fakes.Uris[0], Assert.Single(result).ServiceUri);
    }

    [Fact]
    public void The_timer_schedule_doubles_up_to_the_cutoff()
    {
        var waits = new DiscoveryWaits(TimeSpan.FromMilliseconds(500), DiscoveryWaits.DefaultCutoff);
        var dues = new List<double> { waits.Due.TotalSeconds };
        for (var i = 0; i < 5; i++)
        {
            waits.Rearm();
            dues.Add(waits.Due.TotalSeconds);
        }

        Assert.Equal([0.5, 1.0, 2.0, 4.0, 8.0, 14.0], dues);
    }

    /// <summary>None answer usefully: errors end discovery at once, silence at the cutoff.</summary>
    [Fact]
    public async Task None_answer_gives_an_empty_list_bounded_by_the_cutoff()
    {
        await using var failing = await FakeOrchestrators.StartAsync(3, (_, _, _, _) => throw new GrpcException(GrpcStatusCode.Unknown, "no"));
        await using var silent = await FakeOrchestrators.StartAsync(2, (_, _, _, ct) => FakeOrchestrators.NeverAsync(ct));
        using var http = GrpcClient.CreateHttpClient();

        var watch = Stopwatch.StartNew();
        Assert.Empty(await PoolHarness.Create(failing.Uris, http).GetOrchestratorsAsync(3, null, null, CancellationToken.None));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"all failed yet it took {watch.Elapsed}");

        watch.Restart();
        var options = new OrchestratorPoolOptions { DiscoveryTimeout = TimeSpan.FromMilliseconds(100), Cutoff = TimeSpan.FromMilliseconds(800) };
        Assert.Empty(await PoolHarness.Create(silent.Uris, http, options).GetOrchestratorsAsync(2, null, null, CancellationToken.None));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(3));

        Assert.Empty(await PoolHarness.Create(Array.Empty<Uri>(), http).GetOrchestratorsAsync(2, null, null, CancellationToken.None));
    }

    /// <summary>TestOrchestratorPool_GetOrchestrators_SuspendedOrchs, TestSuspensionQueue.</summary>
    [Fact]
    public async Task Suspended_orchestrators_only_fill_up_lowest_penalty_first()
    {
        await using var fakes = await FakeOrchestrators.StartAsync(3, (_, self, _, _) => Task.FromResult(FakeOrchestrators.Info(self)));
        using var http = GrpcClient.CreateHttpClient();
        var pool = PoolHarness.Create(fakes.Uris, http, new OrchestratorPoolOptions { DiscoveryTimeout = TimeSpan.FromSeconds(2) });
        var suspender = new Suspender();
        suspender.Suspend(fakes.Uris[0], 2);
        suspender.Suspend(fakes.Uris[1], 1);

        Assert.Equal([fakes.Uris[2]], (await pool.GetOrchestratorsAsync(1, null, suspender, CancellationToken.None)).Select(r => r.ServiceUri));
        Assert.Equal([fakes.Uris[2], fakes.Uris[1], fakes.Uris[0]], (await pool.GetOrchestratorsAsync(3, null, suspender, CancellationToken.None)).Select(r => r.ServiceUri));

        for (var i = 0; i < 3; i++)
        {
            suspender.SignalRefresh();
        }

        Assert.Equal(3, (await pool.GetOrchestratorsAsync(3, null, suspender, CancellationToken.None)).Count);
        Assert.Equal(0, suspender.Suspended(fakes.Uris[0]));
    }

    /// <summary>-orchBlocklist: by the address a source knows (never asked) or the address an answer carries.</summary>
    [Fact]
    public async Task Blocklisted_addresses_are_never_used()
    {
        var blocked = EthAddress.Parse("0x00000000000000000000000000000000000000bb");
        await using var fakes = await FakeOrchestrators.StartAsync(3, (i, self, _, _) =>
        {
            var info = FakeOrchestrators.Info(self);
            info.Address = FakeOrchestrators.Bytes(i == 0 ? blocked : AddressA);
            return Task.FromResult(info);
        });
        using var http = GrpcClient.CreateHttpClient();
        var candidates = new List<OrchestratorCandidate>
        {
            new(fakes.Uris[0]),
            new(fakes.Uris[1]),
            new(fakes.Uris[2]) { Address = blocked },
        };
        var options = new OrchestratorPoolOptions { Blocklist = new HashSet<EthAddress> { blocked } };
        var pool = PoolHarness.Create([new PoolHarness.FixedSource(candidates)], http, options);

        var result = await pool.GetOrchestratorsAsync(3, null, null, CancellationToken.None);

        Assert.Equal([fakes.Uris[1]], result.Select(r => r.ServiceUri));
        Assert.Equal(2, fakes.Calls);
    }

    /// <summary>TestOrchestratorPool_Capabilities: compatible capabilities; none at all only for legacy work.</summary>
    [Fact]
    public async Task Only_orchestrators_that_can_do_the_work_are_used()
    {
        await using var fakes = await FakeOrchestrators.StartAsync(3, (i, self, _, _) =>
        {
            var info = FakeOrchestrators.Info(self);
            if (i > 0)
            {
                var offered = i == 1 ? CapabilitySet.Of(Capability.H264, Capability.Byoc) : CapabilitySet.Of(Capability.H264);
                info.Capabilities = NetMapping.ToProto(new NodeCapabilities { Offered = offered });
            }

            return Task.FromResult(info);
        });
        using var http = GrpcClient.CreateHttpClient();
        var pool = PoolHarness.Create(fakes.Uris, http, new OrchestratorPoolOptions { DiscoveryTimeout = TimeSpan.FromSeconds(2) });

        var legacy = await pool.GetOrchestratorsAsync(3, new NodeCapabilities { Offered = CapabilitySet.Of(Capability.H264) }, null, CancellationToken.None);
        Assert.Equal(3, legacy.Count);

        var byoc = await pool.GetOrchestratorsAsync(3, new NodeCapabilities { Offered = CapabilitySet.Of(Capability.Byoc) }, null, CancellationToken.None);
        Assert.Equal([fakes.Uris[1]], byoc.Select(r => r.ServiceUri));
    }

    /// <summary>-maxPricePerUnit: a known price above the maximum is not used; an unknown price is.</summary>
    [Fact]
    public async Task Too_expensive_orchestrators_are_not_used()
    {
        long[] prices = [100, 1000, -1];
        await using var fakes = await FakeOrchestrators.StartAsync(3, (i, self, _, _) =>
        {
            var info = FakeOrchestrators.Info(self);
            if (prices[i] >= 0)
            {
                info.PriceInfo = new Net.PriceInfo { PricePerUnit = prices[i], PixelsPerUnit = 2 };
            }

            return Task.FromResult(info);
        });
        using var http = GrpcClient.CreateHttpClient();
        var options = new OrchestratorPoolOptions { DiscoveryTimeout = TimeSpan.FromSeconds(2), MaxPricePerUnit = new Rational(250, 1) };

        var result = await PoolHarness.Create(fakes.Uris, http, options).GetOrchestratorsAsync(3, null, null, CancellationToken.None);

        Assert.Equal(new HashSet<Uri> { fakes.Uris[0], fakes.Uris[2] }, result.Select(r => r.ServiceUri).ToHashSet());
    }

    /// <summary>An error, an empty transcoder or a failing source are skipped; the rest still counts.</summary>
    [Fact]
    public async Task Unusable_answers_and_failing_sources_are_skipped()
    {
        await using var fakes = await FakeOrchestrators.StartAsync(3, (i, self, _, _) => i switch
        {
            0 => throw new GrpcException(GrpcStatusCode.Unknown, "Invalid orchestrator request: orchestrator is at capacity"),
            1 => Task.FromResult(new Net.OrchestratorInfo { Transcoder = "" }),
            _ => Task.FromResult(FakeOrchestrators.Info(self)),
        });
        using var http = GrpcClient.CreateHttpClient();
        var sources = new List<Abstractions.Discovery.IDiscoverySource>
        {
            new PoolHarness.FailingSource(),
            new PoolHarness.FixedSource([.. fakes.Uris.Select(u => new OrchestratorCandidate(u))]),
            new PoolHarness.FixedSource([.. fakes.Uris.Select(u => new OrchestratorCandidate(u))], "again"),
        };

        var result = await PoolHarness.Create(sources, http).GetOrchestratorsAsync(3, null, null, CancellationToken.None);

        Assert.Equal([fakes.Uris[2]], result.Select(r => r.ServiceUri));
        Assert.Equal(3, fakes.Calls); // each URI asked once although two sources named it
    }

    /// <summary>TestDeadLock: many concurrent discoveries all finish.</summary>
    [Fact]
    public async Task Concurrent_discoveries_all_finish()
    {
        await using var fakes = await FakeOrchestrators.StartAsync(5, async (i, self, _, ct) =>
        {
            await Task.Delay(i * 10, ct);
            return FakeOrchestrators.Info(self);
        });
        using var http = GrpcClient.CreateHttpClient();
        var pool = PoolHarness.Create(fakes.Uris, http, new OrchestratorPoolOptions { DiscoveryTimeout = TimeSpan.FromSeconds(3) });

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => pool.GetOrchestratorsAsync(5, null, null, CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(results, r => Assert.Equal(5, r.Count));
    }

    [Fact]
    public async Task Cancellation_ends_discovery()
    {
        await using var fakes = await FakeOrchestrators.StartAsync(2, (_, _, _, ct) => FakeOrchestrators.NeverAsync(ct));
        using var http = GrpcClient.CreateHttpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PoolHarness.Create(fakes.Uris, http).GetOrchestratorsAsync(2, null, null, cts.Token));
    }
}
