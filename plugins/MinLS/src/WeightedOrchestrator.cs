using Livepeer.Abstractions;

namespace Livepeer.Plugins.MinLS;

/// <summary>One orchestrator address as the probability selection sees it.</summary>
/// <param name="Address">The orchestrator's address.</param>
/// <param name="PricePerUnit">Its price in wei per unit of work; 0 when it gave none.</param>
/// <param name="Stake">Its stake; 0 when unknown.</param>
internal readonly record struct WeightedOrchestrator(EthAddress Address, double PricePerUnit, double Stake);
