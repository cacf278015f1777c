using System.Runtime.CompilerServices;

// benchmarks/Livepeer.Benchmarks measures the gRPC layer, OrchestratorRpcService and the OrchestratorPool directly.
[assembly: InternalsVisibleTo("Livepeer.Benchmarks")]
