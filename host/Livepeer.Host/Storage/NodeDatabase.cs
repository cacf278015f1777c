using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Livepeer.Host.Storage;

/// <summary>
/// The embedded SQLite node database (<c>lpdb.sqlite3</c> in the data directory). Opened and migrated
/// once at start; callers open short-lived pooled connections through <see cref="OpenConnectionAsync"/>.
/// </summary>
internal sealed class NodeDatabase
{
    public const string FileName = "lpdb.sqlite3";
    private const string VersionKey = "dbVersion";
    private readonly string _connectionString;

    public NodeDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>The schema version after <see cref="MigrateAsync"/>.</summary>
    public int SchemaVersion { get; private set; }

    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Creates the file if needed and applies every migration newer than its <c>dbVersion</c>, each in one transaction.</summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer version of the node.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        SQLitePCL.Batteries_V2.Init();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            var current = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            var migrations = NodeDatabaseMigrations.All;
            if (current > migrations.Count)
            {
                throw new InvalidOperationException(
                    $"The node database {Path} has schema version {current}; this node knows up to {migrations.Count}. Use a newer node or another -datadir.");
            }

            for (var version = current + 1; version <= migrations.Count; version++)
            {
                var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ExecuteAsync(connection, migrations[version - 1], cancellationToken, transaction).ConfigureAwait(false);
                    await ExecuteAsync(
                        connection,
                        "INSERT INTO kv(key, value, updatedAt) VALUES($k, $v, CURRENT_TIMESTAMP) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updatedAt = CURRENT_TIMESTAMP;",
                        cancellationToken,
                        transaction,
                        ("$k", VersionKey),
                        ("$v", version.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            SchemaVersion = migrations.Count;
        }
    }

    private static async Task<int> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'kv';";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM kv WHERE key = $k;";
        read.Parameters.AddWithValue("$k", VersionKey);
        var value = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;
    }

    internal static async Task ExecuteAsync(
        SqliteConnection connection,
        string sql,
        CancellationToken cancellationToken,
        SqliteTransaction? transaction = null,
        params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
