namespace Livepeer.Host.Storage;

/// <summary>Migrates the node database when the node starts, before any other hosted service runs.</summary>
internal sealed partial class NodeDatabaseInitializer(NodeDatabase database, ILogger<NodeDatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        LogReady(logger, database.Path, database.SchemaVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Node database {Path} ready at schema version {Version}")]
    private static partial void LogReady(ILogger logger, string path, int version);
}
