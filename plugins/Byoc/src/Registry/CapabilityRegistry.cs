using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Plugins.Byoc.Registry;

/// <summary>
/// The capabilities this orchestrator offers, by name: in-process ones (registered by plugins in DI, added
/// at start) and external workers (<c>/capability/register</c>). Every read and write holds one lock, so
/// start, stop, register and unregister may run concurrently (upstream reads its map unsynchronised).
/// It is also the node's <see cref="IOrchestratorCapabilitySource"/> for capability 37.
/// </summary>
internal sealed class CapabilityRegistry : IOrchestratorCapabilitySource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RegisteredCapability> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CapacityCounter> _counters = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byName.Count;
            }
        }
    }

    /// <summary>Adds or replaces a capability; an external worker may not take the name of an in-process one.</summary>
    /// <exception cref="InvalidOperationException">The name belongs to an in-process capability.</exception>
    public RegisteredCapability Register(IByocCapability capability, bool external)
    {
        ArgumentNullException.ThrowIfNull(capability);
        var name = capability.Info.Name;
        lock (_gate)
        {
            if (_byName.TryGetValue(name, out var existing) && !existing.External)
            {
                throw new InvalidOperationException($"The capability name '{name}' is taken by an in-process capability");
            }

            if (!_counters.TryGetValue(name, out var counter))
            {
                counter = new CapacityCounter(capability.Info.Capacity);
                _counters[name] = counter;
            }

            counter.SetCapacity(capability.Info.Capacity);
            var entry = new RegisteredCapability(capability, external, counter);
            _byName[name] = entry;
            return entry;
        }
    }

    /// <summary>Removes an external capability; in-process ones stay. False when there was none.</summary>
    public bool Unregister(string name)
    {
        lock (_gate)
        {
            return _byName.TryGetValue(name, out var entry) && entry.External && _byName.Remove(name);
        }
    }

    /// <summary>Removes <paramref name="entry"/> only if it is still the one registered (a 401 from an old worker must not remove its replacement).</summary>
    public bool Unregister(RegisteredCapability entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            return entry.External && _byName.TryGetValue(entry.Name, out var current) && ReferenceEquals(current, entry) && _byName.Remove(entry.Name);
        }
    }

    public RegisteredCapability? Find(string name)
    {
        lock (_gate)
        {
            return _byName.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<RegisteredCapability> Snapshot()
    {
        lock (_gate)
        {
            return [.. _byName.Values];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<OfferedCapability> GetOfferedCapabilities() =>
        [.. Snapshot().Select(c => new OfferedCapability(Capability.Byoc, c.Name, c.Counter.Capacity, c.Info.PricePerSecond))];
}
