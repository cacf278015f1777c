using System.Numerics;

namespace Livepeer.Abstractions.Storage;

/// <summary>An orchestrator remembered in the node database.</summary>
/// <param name="Address">Its on-chain address (the key).</param>
/// <param name="ServiceUri">Its service URI.</param>
public sealed record KnownOrchestrator(EthAddress Address, Uri ServiceUri)
{
    /// <summary>Its last known transcoding price per pixel, in wei.</summary>
    public Rational? PricePerPixel { get; init; }

    /// <summary>The round it became active in.</summary>
    public long ActivationRound { get; init; }

    /// <summary>The round it stops being active in.</summary>
    public long DeactivationRound { get; init; }

    /// <summary>Its total stake.</summary>
    public BigInteger Stake { get; init; }

    /// <summary>When this record was last written.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The node database's cache of known orchestrators.</summary>
public interface IOrchestratorStore
{
    /// <summary>Inserts or replaces the record for its address, durably.</summary>
    ValueTask UpsertAsync(KnownOrchestrator orchestrator, CancellationToken cancellationToken);

    /// <summary>
    /// Orchestrators updated at or after <paramref name="updatedSince"/> and active in
    /// <paramref name="round"/> (when given), ordered by address.
    /// </summary>
    ValueTask<IReadOnlyList<KnownOrchestrator>> ListAsync(DateTimeOffset updatedSince, long? round, CancellationToken cancellationToken);
}
