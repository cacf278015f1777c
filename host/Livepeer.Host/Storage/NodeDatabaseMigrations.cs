namespace Livepeer.Host.Storage;

/// <summary>
/// The node database schema as numbered migrations; <c>kv['dbVersion']</c> records the last one applied.
/// Version 1 is the schema of go-livepeer's node database (kv, orchestrators, unbondingLocks,
/// winningTickets, ticketQueue). Append new migrations; never edit an applied one.
/// </summary>
internal static class NodeDatabaseMigrations
{
    public static IReadOnlyList<string> All { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS kv (
            key STRING PRIMARY KEY,
            value STRING,
            updatedAt STRING DEFAULT CURRENT_TIMESTAMP
        );
        CREATE TABLE IF NOT EXISTS orchestrators (
            id INTEGER PRIMARY KEY,
            createdAt STRING DEFAULT CURRENT_TIMESTAMP,
            updatedAt STRING DEFAULT CURRENT_TIMESTAMP,
            ethereumAddr STRING UNIQUE,
            serviceURI STRING,
            pricePerPixel STRING,
            activationRound INTEGER,
            deactivationRound INTEGER,
            stake STRING
        );
        CREATE INDEX IF NOT EXISTS idx_orchestrators_updatedAt ON orchestrators(updatedAt);
        CREATE TABLE IF NOT EXISTS unbondingLocks (
            id INTEGER NOT NULL,
            delegator STRING,
            amount TEXT,
            withdrawRound INTEGER,
            usedBlock INTEGER,
            createdAt STRING DEFAULT CURRENT_TIMESTAMP,
            PRIMARY KEY(id, delegator)
        );
        CREATE INDEX IF NOT EXISTS idx_unbondinglocks_usedBlock ON unbondingLocks(usedBlock);
        CREATE TABLE IF NOT EXISTS winningTickets (
            createdAt STRING DEFAULT CURRENT_TIMESTAMP,
            sender STRING,
            recipient STRING,
            faceValue BLOB,
            winProb BLOB,
            senderNonce INTEGER,
            recipientRand BLOB,
            recipientRandHash STRING,
            sig BLOB PRIMARY KEY,
            sessionID STRING
        );
        CREATE INDEX IF NOT EXISTS idx_winningtickets_sessionID ON winningTickets(sessionID);
        CREATE TABLE IF NOT EXISTS ticketQueue (
            createdAt STRING DEFAULT CURRENT_TIMESTAMP,
            sender STRING,
            recipient STRING,
            faceValue BLOB,
            winProb BLOB,
            senderNonce INTEGER,
            recipientRand BLOB,
            recipientRandHash STRING,
            sig BLOB PRIMARY KEY,
            creationRound INTEGER,
            creationRoundBlockHash STRING,
            paramsExpirationBlock INTEGER,
            redeemedAt STRING,
            txHash STRING
        );
        CREATE INDEX IF NOT EXISTS idx_ticketqueue_sender ON ticketQueue(sender);
        """,
    ];
}
