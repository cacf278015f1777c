using Livepeer.Abstractions.Byoc;

namespace Livepeer.Plugins.Byoc.Registry;

/// <summary>A capability in the registry: the capability, how it got there, and its capacity counter.</summary>
/// <param name="Capability">The capability (an external worker client or an in-process plugin).</param>
/// <param name="External">True when registered over HTTP (it may be unregistered, and a 401 removes it).</param>
/// <param name="Counter">The capacity counter of its name.</param>
internal sealed record RegisteredCapability(IByocCapability Capability, bool External, CapacityCounter Counter)
{
    public string Name => Capability.Info.Name;

    public ByocCapabilityInfo Info => Capability.Info;
}
