using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>
/// A read-only <see cref="IConfiguration"/> over flat <c>Section:Key</c> pairs, so plugin tests can hand a
/// plugin its settings without the configuration packages. Keys compare ignoring case, as configuration does.
/// </summary>
public sealed class InMemoryConfiguration : IConfigurationSection
{
    private readonly IReadOnlyDictionary<string, string?> _values;

    /// <summary>Creates the root of a configuration holding <paramref name="values"/> (keys like <c>Orchestrators:0</c>).</summary>
    public InMemoryConfiguration(IEnumerable<KeyValuePair<string, string?>>? values = null)
        : this(new Dictionary<string, string?>(values ?? [], StringComparer.OrdinalIgnoreCase), "")
    {
    }

    private InMemoryConfiguration(IReadOnlyDictionary<string, string?> values, string path)
    {
        _values = values;
        Path = path;
        Key = path.Length == 0 ? "" : path[(path.LastIndexOf(':') + 1)..];
    }

    /// <summary>An empty configuration.</summary>
    public static InMemoryConfiguration Empty { get; } = new();

    /// <inheritdoc />
    public string Key { get; }

    /// <inheritdoc />
    public string Path { get; }

    /// <inheritdoc />
    public string? Value
    {
        get => Path.Length == 0 ? null : _values.GetValueOrDefault(Path);
        set => throw new NotSupportedException("This configuration is read-only.");
    }

    /// <inheritdoc />
    public string? this[string key]
    {
        get => _values.GetValueOrDefault(Combine(key));
        set => throw new NotSupportedException("This configuration is read-only.");
    }

    /// <inheritdoc />
    public IEnumerable<IConfigurationSection> GetChildren()
    {
        var prefix = Path.Length == 0 ? "" : Path + ":";
        return _values.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && k.Length > prefix.Length)
            .Select(k => k[prefix.Length..].Split(':')[0])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(GetSection)
            .ToList();
    }

    /// <inheritdoc />
    public IChangeToken GetReloadToken() => NeverChanges.Instance;

    /// <inheritdoc />
    public IConfigurationSection GetSection(string key) => new InMemoryConfiguration(_values, Combine(key));

    private string Combine(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Path.Length == 0 ? key : Path + ":" + key;
    }

    private sealed class NeverChanges : IChangeToken
    {
        public static NeverChanges Instance { get; } = new();

        public bool HasChanged => false;

        public bool ActiveChangeCallbacks => false;

        public IDisposable RegisterChangeCallback(Action<object?> callback, object? state) => EmptyDisposable.Instance;
    }

    private sealed class EmptyDisposable : IDisposable
    {
        public static EmptyDisposable Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
