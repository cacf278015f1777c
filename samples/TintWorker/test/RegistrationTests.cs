using System.IO.Pipes;
using Livepeer.Abstractions.Conformance.Fakes;

namespace Livepeer.Samples.TintWorker.Tests;

/// <summary>
/// The worker's side of staying registered: it retries while the orchestrator is starting, renews its registration
/// (an orchestrator that restarted has forgotten it), stops trying on a wrong secret, unregisters when it stops, and
/// ends when the node that runs it closes its standard input.
/// </summary>
public sealed class RegistrationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static WorkerOptions Options(FakeOrchestrator orchestrator, string secret = FakeOrchestrator.Secret) => new()
    {
        Listen = "http://127.0.0.1:0",
        OrchUrl = orchestrator.BaseUri,
        OrchSecret = secret,
        RetryPause = TimeSpan.FromMilliseconds(50),
        ReregisterInterval = TimeSpan.FromMilliseconds(100),
    };

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, "timed out waiting until " + what);
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Retries_while_the_orchestrator_starts_then_renews_and_unregisters_on_stop()
    {
        await using var orchestrator = await FakeOrchestrator.StartAsync();
        orchestrator.UnavailableFor = 3;
        var worker = WorkerApp.Create(Options(orchestrator), [], new NamedChannelClients(new InMemorySegmentChannels()));
        await worker.StartAsync(default);

        Assert.True(await worker.Registration.WaitAsync(Patience));
        Assert.True(orchestrator.Calls.Count >= 4, $"registered after {orchestrator.Calls.Count} calls; the first 3 were 503");
        await WaitUntilAsync(() => worker.Registrations >= 3, "the registration was renewed twice");

        await worker.DisposeAsync();
        var calls = orchestrator.Calls.ToList();
        Assert.Equal("/capability/unregister", calls[^1].Path);
        Assert.Equal("tint", calls[^1].Body);
        var count = orchestrator.Calls.Count;
        await Task.Delay(300);
        Assert.Equal(count, orchestrator.Calls.Count); // nothing renews after the worker stopped
    }

    [Fact]
    public async Task A_wrong_secret_stops_registration_for_good()
    {
        await using var orchestrator = await FakeOrchestrator.StartAsync();
        var worker = WorkerApp.Create(Options(orchestrator, secret: "wrong"), [], new NamedChannelClients(new InMemorySegmentChannels()));
        await using (worker)
        {
            await worker.StartAsync(default);
            Assert.False(await worker.Registration.WaitAsync(Patience));
            await Task.Delay(300);
            Assert.Single(orchestrator.Calls);
            Assert.Equal(0, worker.Registrations);
        }

        Assert.Single(orchestrator.Calls); // never registered, so nothing to unregister
    }

    [Fact]
    public async Task The_end_of_standard_input_stops_the_worker()
    {
        await using var orchestrator = await FakeOrchestrator.StartAsync();
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var lifeline = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        var options = Options(orchestrator) with { ExitOnStdinClose = true };
        var worker = WorkerApp.Create(options, [], new NamedChannelClients(new InMemorySegmentChannels()), lifeline: lifeline);
        await using (worker)
        {
            var stopping = new TaskCompletionSource();
            worker.App.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
            await worker.StartAsync(default);
            Assert.True(await worker.Registration.WaitAsync(Patience));
            await Task.Delay(200);
            Assert.False(stopping.Task.IsCompleted, "the worker stopped while its standard input was open");

            pipe.Dispose(); // what the kernel does when the node that holds the other end dies
            await stopping.Task.WaitAsync(Patience);
        }
    }
}
