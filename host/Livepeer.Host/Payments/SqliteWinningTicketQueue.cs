using System.Collections.Immutable;
using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Storage;
using Microsoft.Data.Sqlite;

namespace Livepeer.Host.Payments;

/// <summary>
/// The winning-ticket queue in the node database's <c>ticketQueue</c> table (go-livepeer's
/// <c>TicketStore</c>): a ticket is committed before <see cref="EnqueueAsync"/> returns, stays until the
/// queue worker marks it redeemed, and survives restarts. Big integers are minimal big-endian blobs,
/// addresses and hashes 0x-hex, as upstream's schema.
/// </summary>
internal sealed class SqliteWinningTicketQueue(NodeDatabase database) : IWinningTicketQueue
{
    private const string Columns = "sender, recipient, faceValue, winProb, senderNonce, recipientRand, recipientRandHash, sig, creationRound, creationRoundBlockHash, paramsExpirationBlock";

    /// <summary>Raised after a ticket is committed (the worker and the redeemer's subscribers listen).</summary>
    public event Action<WinningTicket>? Enqueued;

    public async ValueTask EnqueueAsync(WinningTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var t = ticket.Ticket;
        if (ticket.Signature.IsDefaultOrEmpty)
        {
            throw new PaymentException("winning ticket has no signature");
        }

        if (t.ParamsExpirationBlock.Sign < 0 || t.ParamsExpirationBlock > long.MaxValue)
        {
            throw new PaymentException("ticket params expiration block out of range");
        }

        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The signature is the key (as upstream): enqueueing the same ticket twice keeps one row.
            // synchronous=FULL: the WAL is synced at the commit, so the ticket outlives a power cut too.
            await NodeDatabase.ExecuteAsync(
                connection,
                $"PRAGMA synchronous=FULL; INSERT OR IGNORE INTO ticketQueue({Columns}) VALUES($sender, $recipient, $fv, $wp, $nonce, $rand, $randHash, $sig, $round, $roundHash, $expiration);",
                cancellationToken,
                null,
                ("$sender", t.Sender.ToString()),
                ("$recipient", t.Recipient.ToString()),
                ("$fv", Blob(t.FaceValue)),
                ("$wp", Blob(t.WinProbability)),
                ("$nonce", (long)t.SenderNonce),
                ("$rand", Blob(ticket.RecipientRand)),
                ("$randHash", t.RecipientRandHash.ToString()),
                ("$sig", ticket.Signature.ToArray()),
                ("$round", t.CreationRound),
                ("$roundHash", t.CreationRoundBlockHash.ToString()),
                ("$expiration", (long)t.ParamsExpirationBlock)).ConfigureAwait(false);
        }

        Enqueued?.Invoke(ticket);
    }

    /// <summary>
    /// Unredeemed tickets whose params expired at or before <paramref name="latestBlock"/> and created in
    /// <paramref name="minCreationRound"/> or later, earliest first.
    /// </summary>
    public Task<IReadOnlyList<WinningTicket>> LoadDueAsync(long minCreationRound, long latestBlock, int limit, CancellationToken cancellationToken) =>
        LoadAsync(
            "redeemedAt IS NULL AND creationRound >= $minRound AND paramsExpirationBlock <= $block",
            limit,
            cancellationToken,
            ("$minRound", minCreationRound),
            ("$block", latestBlock));

    /// <summary>Every ticket not yet redeemed, earliest first.</summary>
    public Task<IReadOnlyList<WinningTicket>> LoadUnredeemedAsync(int limit, CancellationToken cancellationToken) =>
        LoadAsync("redeemedAt IS NULL", limit, cancellationToken);

    /// <summary>
    /// Takes a ticket out of the queue: redeemed with <paramref name="txHash"/>, or given up with a final
    /// <paramref name="error"/> (txHash then zero, as upstream marks a non-retryable ticket).
    /// </summary>
    public async Task MarkRedeemedAsync(ImmutableArray<byte> signature, Hash32 txHash, string? error, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await NodeDatabase.ExecuteAsync(
                connection,
                "UPDATE ticketQueue SET redeemedAt = CURRENT_TIMESTAMP, txHash = $tx, redeemError = $error WHERE sig = $sig;",
                cancellationToken,
                null,
                ("$tx", txHash.ToString()),
                ("$error", error),
                ("$sig", signature.ToArray())).ConfigureAwait(false);
        }
    }

    /// <summary>The queue entry of a ticket, for inspection: (redeemedAt, txHash, redeemError); null when absent.</summary>
    public async Task<(string? RedeemedAt, string? TxHash, string? Error)?> StatusAsync(ImmutableArray<byte> signature, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT redeemedAt, txHash, redeemError FROM ticketQueue WHERE sig = $sig;";
            command.Parameters.AddWithValue("$sig", signature.ToArray());
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                return (Text(reader, 0), Text(reader, 1), Text(reader, 2));
            }
        }
    }

    private async Task<IReadOnlyList<WinningTicket>> LoadAsync(string where, int limit, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        var tickets = new List<WinningTicket>();
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM ticketQueue WHERE {where} ORDER BY createdAt, rowid LIMIT $limit;";
            command.Parameters.AddWithValue("$limit", limit);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    tickets.Add(Read(reader));
                }
            }
        }

        return tickets;
    }

    private static WinningTicket Read(SqliteDataReader reader)
    {
        var ticket = new Ticket(
            EthAddress.Parse(reader.GetString(1)),
            EthAddress.Parse(reader.GetString(0)),
            Integer(reader, 2),
            Integer(reader, 3),
            (uint)reader.GetInt64(4),
            Hash32.Parse(reader.GetString(6)),
            reader.GetInt64(8),
            Hash32.Parse(reader.GetString(9)),
            new BigInteger(reader.GetInt64(10)));
        return new WinningTicket(ticket, [.. (byte[])reader.GetValue(7)], Integer(reader, 5));
    }

    private static byte[] Blob(BigInteger value) => value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);

    private static BigInteger Integer(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? BigInteger.Zero : new BigInteger((byte[])reader.GetValue(ordinal), isUnsigned: true, isBigEndian: true);

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
