namespace Livepeer.Abstractions.Storage;

/// <summary>The node database's key-value table, durable across restarts.</summary>
public interface IKeyValueStore
{
    /// <summary>The value stored under <paramref name="key"/>, or <c>null</c>.</summary>
    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, durably, before returning.</summary>
    ValueTask SetAsync(string key, string value, CancellationToken cancellationToken);
}
