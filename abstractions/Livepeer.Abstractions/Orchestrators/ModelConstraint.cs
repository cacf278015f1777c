namespace Livepeer.Abstractions.Orchestrators;

/// <summary>What an orchestrator offers (or a job requires) for one model of a capability.</summary>
/// <param name="Warm">The model is loaded and ready.</param>
/// <param name="Capacity">Concurrent jobs the model can take.</param>
/// <param name="RunnerVersion">Version of the runner serving the model; empty when unknown.</param>
/// <param name="CapacityInUse">Jobs currently running.</param>
public sealed record ModelConstraint(bool Warm = false, int Capacity = 0, string RunnerVersion = "", int CapacityInUse = 0);
