namespace Livepeer.Abstractions;

/// <summary>
/// Where the node can be reached, for building URLs other processes use (trickle channel URLs, WHEP
/// links). Known once the node listens; before that every address is <c>null</c>.
/// </summary>
public interface INodeAddresses
{
    /// <summary>The public base URI of a listener, or <c>null</c> when the node does not run it (or has not started).</summary>
    Uri? GetBaseUri(NodeListener listener);
}
