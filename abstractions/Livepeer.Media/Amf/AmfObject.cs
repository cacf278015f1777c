namespace Livepeer.Media.Amf;

/// <summary>
/// An AMF0 anonymous object or ECMA array (AMF0 spec §2.5, §2.10): name/value pairs in wire order.
/// Values are <see cref="double"/>, <see cref="bool"/>, <see cref="string"/>, <see cref="AmfObject"/>,
/// <see cref="AmfStrictArray"/>, <see cref="AmfDate"/>, <see cref="AmfUndefined"/> or <c>null</c>.
/// </summary>
public sealed class AmfObject
{
    private readonly List<KeyValuePair<string, object?>> _properties = [];

    /// <summary>Creates an empty object; <paramref name="isEcmaArray"/> makes it encode as an ECMA array.</summary>
    public AmfObject(bool isEcmaArray = false)
    {
        IsEcmaArray = isEcmaArray;
    }

    /// <summary>True when this value is (or encodes as) an ECMA array rather than an object.</summary>
    public bool IsEcmaArray { get; }

    /// <summary>The properties in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Properties => _properties;

    /// <summary>The number of properties.</summary>
    public int Count => _properties.Count;

    /// <summary>The value of the first property named <paramref name="name"/>; <c>null</c> when absent. Setting replaces or appends.</summary>
    public object? this[string name]
    {
        get => TryGetValue(name, out var value) ? value : null;
        set => Set(name, value);
    }

    /// <summary>Appends a property (a duplicate name is kept, as on the wire) and returns this object.</summary>
    public AmfObject Add(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        _properties.Add(new(name, value));
        return this;
    }

    /// <summary>Replaces the first property named <paramref name="name"/>, or appends it.</summary>
    public void Set(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = _properties.FindIndex(p => string.Equals(p.Key, name, StringComparison.Ordinal));
        if (index >= 0)
        {
            _properties[index] = new(name, value);
        }
        else
        {
            _properties.Add(new(name, value));
        }
    }

    /// <summary>Finds the first property named <paramref name="name"/>.</summary>
    public bool TryGetValue(string name, out object? value)
    {
        foreach (var property in _properties)
        {
            if (string.Equals(property.Key, name, StringComparison.Ordinal))
            {
                value = property.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The property as a string, or <c>null</c> when absent or not a string.</summary>
    public string? GetString(string name) => this[name] as string;

    /// <summary>The property as a number, or <c>null</c> when absent or not a number.</summary>
    public double? GetNumber(string name) => this[name] is double d ? d : null;
}
