namespace Livepeer.Host.Storage;

/// <summary>
/// The node database schema as numbered migrations; <c>kv['dbVersion']</c> records the last one applied.
/// Version 1 is the schema of go-livepeer's node database (kv, orchestrators, unbondingLocks,
/// winningTickets, ticketQueue), with TEXT where upstream writes STRING: SQLite gives STRING numeric
/// affinity, which would turn "1" into 1 and round big stakes. Append new migrations; never edit an applied one.
/// </summary>
internal static class NodeDatabaseMigrations
{
    public static IReadOnlyList<string> All { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS kv (
            key TEXT PRIMARY KEY,
            value TEXT,
            updatedAt TEXT DEFAULT CURRENT_TIMESTAMP
        );
        CREATE TABLE IF NOT EXISTS orchestrators (
            id INTEGER PRIMARY KEY,
            createdAt TEXT DEFAULT CURRENT_TIMESTAMP,
            updatedAt TEXT DEFAULT CURRENT_TIMESTAMP,
            ethereumAddr TEXT UNIQUE,
            serviceURI TEXT,
            pricePerPixel TEXT,
            activationRound INTEGER,
            deactivationRound INTEGER,
            stake TEXT
        );
        CREATE INDEX IF NOT EXISTS idx_orchestrators_updatedAt ON orchestrators(updatedAt);
        CREATE TABLE IF NOT EXISTS unbondingLocks (
            id INTEGER NOT NULL,
            delegator TEXT,
            amount TEXT,
            withdrawRound INTEGER,
            usedBlock INTEGER,
            createdAt TEXT DEFAULT CURRENT_TIMESTAMP,
            PRIMARY KEY(id, delegator)
        );
        CREATE INDEX IF NOT EXISTS idx_unbondinglocks_usedBlock ON unbondingLocks(usedBlock);
        CREATE TABLE IF NOT EXISTS winningTickets (
            createdAt TEXT DEFAULT CURRENT_TIMESTAMP,
            sender TEXT,
            recipient TEXT,
            faceValue BLOB,
            winProb BLOB,
            senderNonce INTEGER,
            recipientRand BLOB,
            recipientRandHash TEXT,
            sig BLOB PRIMARY KEY,
            sessionID TEXT
        );
        CREATE INDEX IF NOT EXISTS idx_winningtickets_sessionID ON winningTickets(sessionID);
        CREATE TABLE IF NOT EXISTS ticketQueue (
            createdAt TEXT DEFAULT CURRENT_TIMESTAMP,
            sender TEXT,
            recipient TEXT,
            faceValue BLOB,
            winProb BLOB,
            senderNonce INTEGER,
            recipientRand BLOB,
            recipientRandHash TEXT,
            sig BLOB PRIMARY KEY,
            creationRound INTEGER,
            creationRoundBlockHash TEXT,
            paramsExpirationBlock INTEGER,
            redeemedAt TEXT,
            txHash TEXT
        );
        CREATE INDEX IF NOT EXISTS idx_ticketqueue_sender ON ticketQueue(sender);
        """,

        // 2: the embedded ticket broker's state (sender funds, reserve claims per round, used tickets)
        // and why a ticket left the queue without being paid.
        """
        ALTER TABLE ticketQueue ADD COLUMN redeemError TEXT;
        CREATE INDEX IF NOT EXISTS idx_ticketqueue_unredeemed ON ticketQueue(redeemedAt, paramsExpirationBlock);
        CREATE TABLE IF NOT EXISTS brokerSenders (
            sender TEXT PRIMARY KEY,
            deposit TEXT NOT NULL,
            reserve TEXT NOT NULL,
            withdrawRound INTEGER NOT NULL DEFAULT 0,
            configuredDeposit TEXT,
            configuredReserve TEXT,
            updatedAt TEXT DEFAULT CURRENT_TIMESTAMP
        );
        CREATE TABLE IF NOT EXISTS brokerReserveClaims (
            sender TEXT NOT NULL,
            claimant TEXT NOT NULL,
            round INTEGER NOT NULL,
            amount TEXT NOT NULL,
            PRIMARY KEY(sender, claimant, round)
        );
        CREATE TABLE IF NOT EXISTS brokerUsedTickets (
            ticketHash TEXT PRIMARY KEY,
            sender TEXT NOT NULL,
            recipient TEXT NOT NULL,
            faceValue TEXT NOT NULL,
            paidFromDeposit TEXT NOT NULL,
            paidFromReserve TEXT NOT NULL,
            redeemedAt TEXT DEFAULT CURRENT_TIMESTAMP
        );
        """,
    ];
}
