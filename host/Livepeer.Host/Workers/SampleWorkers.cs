namespace Livepeer.Host.Workers;

/// <summary>
/// The embedded default workers: on a node started with no role flag (gateway + orchestrator + transcoder, what
/// <c>./livepeer</c> runs) the <c>tint</c> sample BYOC worker (<c>samples/TintWorker</c>), which <c>./livepeer</c>
/// publishes to <c>{nodeDir}/workers/tint/</c>. They are the lowest configuration layer, so any key can be
/// overridden (<c>--Workers:tint:Enabled=false</c> turns the sample off); when the program is not there (a node
/// built without the sample) the default is disabled.
/// </summary>
internal static class SampleWorkers
{
    public const string TintName = "tint";

    public static string TintProgram(string nodeDir) => Path.Combine(nodeDir, "workers", "tint", "Livepeer.Samples.TintWorker.dll");

    public static IReadOnlyDictionary<string, string?> Defaults(string nodeDir)
    {
        var prefix = $"{ManagedWorkerDefinition.SectionName}:{TintName}:";
        return new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [prefix + "Enabled"] = File.Exists(TintProgram(nodeDir)) ? "true" : "false",
            [prefix + "Command"] = "{dotnet}",
            [prefix + "Args:0"] = Path.Combine("{nodeDir}", "workers", "tint", "Livepeer.Samples.TintWorker.dll"),
            // The worker's settings (samples/TintWorker/src/WorkerOptions.cs): a free port of its own, this node to
            // register with, and an exit when the node is gone.
            [prefix + "Env:TINT_Listen"] = "http://127.0.0.1:0",
            [prefix + "Env:TINT_OrchUrl"] = "{orchUrl}",
            [prefix + "Env:TINT_OrchSecret"] = "{orchSecret}",
            [prefix + "Env:TINT_ExitOnStdinClose"] = "true",
        };
    }
}
