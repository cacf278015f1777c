using System.Numerics;

namespace Livepeer.Abstractions.Payments;

/// <summary>
/// The largest face value an orchestrator may accept from a sender right now (go-livepeer's
/// sender monitor <c>MaxFloat</c>): computed locally from the broker, or asked of a remote
/// redeemer (<c>-redeemerAddr</c>) and cached.
/// </summary>
public interface IMaxFloatSource
{
    /// <summary>The sender's max float in wei.</summary>
    ValueTask<BigInteger> GetMaxFloatAsync(EthAddress sender, CancellationToken cancellationToken);
}
