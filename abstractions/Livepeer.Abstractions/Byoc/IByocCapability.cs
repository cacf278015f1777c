namespace Livepeer.Abstractions.Byoc;

/// <summary>
/// A capability an orchestrator offers (bring-your-own-container). Two kinds share this interface: an
/// external worker reached over HTTP with the public worker contract, and an in-process capability
/// shipped as a plugin, which gets the same channels without HTTP.
/// </summary>
public interface IByocCapability : INamedExtension
{
    /// <summary>How the capability is advertised; <see cref="ByocCapabilityInfo.Name"/> equals <see cref="INamedExtension.Name"/>.</summary>
    ByocCapabilityInfo Info { get; }

    /// <summary>Runs a batch job.</summary>
    ValueTask<ByocJobResponse> ProcessJobAsync(ByocJobRequest request, CancellationToken cancellationToken);

    /// <summary>Starts a stream; the capability reads and writes the channels it is given.</summary>
    /// <exception cref="ByocCapacityException">The capability is at capacity.</exception>
    ValueTask<IByocStreamSession> StartStreamAsync(ByocStreamRequest request, CancellationToken cancellationToken);
}
