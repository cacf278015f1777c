namespace Livepeer.Abstractions.Channels;

/// <summary>
/// Lets the host approve or refuse channel creation and deletion requested over the network (trickle's
/// <c>BeforeCreate</c>/<c>BeforeDelete</c>). Register any number as singletons; they run in registration
/// order and the first refusal wins. Channels created or deleted in process do not call them.
/// </summary>
public interface ISegmentChannelHooks
{
    /// <summary>Runs before a remote request creates (or looks up) a channel.</summary>
    /// <exception cref="SegmentChannelRefusedException">Refuses with its status code (4xx).</exception>
    ValueTask BeforeCreateAsync(string name, CancellationToken cancellationToken);

    /// <summary>Runs before a remote request deletes a channel.</summary>
    /// <exception cref="SegmentChannelRefusedException">Refuses with its status code (4xx).</exception>
    ValueTask BeforeDeleteAsync(string name, CancellationToken cancellationToken);
}
