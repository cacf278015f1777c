using Livepeer.Abstractions.Storage;

namespace Livepeer.Host.Storage;

/// <summary>The <c>kv</c> table.</summary>
internal sealed class SqliteKeyValueStore(NodeDatabase database) : IKeyValueStore
{
    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM kv WHERE key = $k;";
            command.Parameters.AddWithValue("$k", key);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
    }

    public async ValueTask SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await NodeDatabase.ExecuteAsync(
                connection,
                "INSERT INTO kv(key, value, updatedAt) VALUES($k, $v, CURRENT_TIMESTAMP) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updatedAt = CURRENT_TIMESTAMP;",
                cancellationToken,
                null,
                ("$k", key),
                ("$v", value)).ConfigureAwait(false);
        }
    }
}
