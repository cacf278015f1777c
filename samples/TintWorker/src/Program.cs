using Livepeer.Samples.TintWorker;

// The `tint` BYOC worker: `dotnet run --project samples/TintWorker/src -- --OrchUrl=https://127.0.0.1:8935 --OrchSecret=s`
var configuration = new ConfigurationBuilder().AddEnvironmentVariables("TINT_").AddCommandLine(args).Build();
var worker = WorkerApp.Create(WorkerOptions.From(configuration), args);
await using (worker.ConfigureAwait(false))
{
    await worker.StartAsync(CancellationToken.None).ConfigureAwait(false);
    await worker.App.WaitForShutdownAsync().ConfigureAwait(false);
}
