using System.Globalization;
using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Storage;
using Microsoft.Data.Sqlite;

namespace Livepeer.Host.Payments;

/// <summary>
/// A TicketBroker without a chain: sender deposits and reserves come from configuration and live in the
/// node database, blocks and rounds come from <see cref="EmbeddedChain"/>, and a redemption checks the
/// ticket as the TicketBroker contract does, then pays its face value from the deposit and, for what the
/// deposit lacks, from the recipient's share of the reserve. Every change is one SQLite transaction.
/// </summary>
/// <remarks>
/// A check the contract would revert on becomes <c>"transaction failed: &lt;revert reason&gt;"</c>, which the
/// queue worker treats as final, as go-livepeer does for a failed transaction.
/// </remarks>
internal sealed class EmbeddedTicketBroker(NodeDatabase database, EmbeddedChain chain, ISignatureVerifier verifier) : ITicketBroker
{
    /// <summary>go-livepeer's <c>errIsUsedTicket</c>.</summary>
    public const string UsedTicketError = "ticket is used";

    /// <summary>go-livepeer's <c>ticketValidityPeriod</c>, in rounds.</summary>
    public const long TicketValidityPeriod = 2;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _initialized;

    public BrokerOptions Options => chain.Options;

    public async ValueTask<SenderFunds> GetSenderFundsAsync(EthAddress sender, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var (deposit, reserve, withdrawRound) = await ReadSenderAsync(connection, null, sender, cancellationToken).ConfigureAwait(false);
            var claimed = await SumClaimsAsync(connection, null, sender, null, chain.CurrentRound, cancellationToken).ConfigureAwait(false);
            return new SenderFunds(deposit, reserve, claimed, withdrawRound);
        }
    }

    public async ValueTask<BigInteger> GetClaimedReserveAsync(EthAddress sender, EthAddress claimant, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await SumClaimsAsync(connection, null, sender, claimant, chain.CurrentRound, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask<ChainState> GetChainStateAsync(CancellationToken cancellationToken) => ValueTask.FromResult(chain.State());

    public async ValueTask<bool> IsUsedTicketAsync(Hash32 ticketHash, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await IsUsedAsync(connection, null, ticketHash, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask RedeemWinningTicketAsync(WinningTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var hash = ticket.Ticket.ComputeHash();
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (await IsUsedAsync(connection, transaction, hash, cancellationToken).ConfigureAwait(false))
                    {
                        throw new PaymentException(UsedTicketError);
                    }

                    Validate(ticket, hash);
                    await PayAsync(connection, transaction, ticket.Ticket, hash, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The TicketBroker contract's checks, in its order.</summary>
    private void Validate(WinningTicket winning, Hash32 hash)
    {
        var ticket = winning.Ticket;
        if (ticket.Recipient.IsZero)
        {
            throw Reverted("ticket recipient is null address");
        }

        if (ticket.Sender.IsZero)
        {
            throw Reverted("ticket sender is null address");
        }

        if (!ticket.HasAuxData)
        {
            throw Reverted("invalid length for ticket auxData: must be 64 bytes");
        }

        var roundHash = chain.RoundBlockHash(ticket.CreationRound);
        if (roundHash.IsZero)
        {
            // go-livepeer treats this one as final without "transaction failed" in it.
            throw new PaymentException("ticket creationRound does not have a block hash");
        }

        if (roundHash != ticket.CreationRoundBlockHash)
        {
            throw Reverted("ticket creationRoundBlockHash invalid for creationRound");
        }

        if (ticket.CreationRound + TicketValidityPeriod <= chain.CurrentRound)
        {
            throw Reverted("ticket is expired");
        }

        if (winning.RecipientRand.Sign < 0 || winning.RecipientRand.GetByteCount(isUnsigned: true) > 32)
        {
            throw Reverted("recipientRand does not match recipientRandHash");
        }

        Span<byte> rand = stackalloc byte[32];
        Ticket.WriteUInt256(winning.RecipientRand, rand, nameof(winning.RecipientRand));
        if (Keccak256.Hash(rand) != ticket.RecipientRandHash)
        {
            throw Reverted("recipientRand does not match recipientRandHash");
        }

        if (winning.Signature.IsDefaultOrEmpty || verifier.VerifyMessage(ticket.Sender, hash.Span, winning.Signature.AsSpan()) != SignatureStatus.Valid)
        {
            throw Reverted("invalid signature over ticket hash");
        }

        if (!IsWinning(winning.Signature.AsSpan(), rand, ticket.WinProbability))
        {
            throw Reverted("ticket did not win");
        }
    }

    /// <summary>go-livepeer <c>IsWinningTicket</c>: uint256(keccak256(sig ‖ leftpad32(recipientRand))) &lt; winProb.</summary>
    public static bool IsWinning(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> paddedRecipientRand, BigInteger winProbability)
    {
        var buffer = new byte[signature.Length + 32];
        signature.CopyTo(buffer);
        paddedRecipientRand.CopyTo(buffer.AsSpan(signature.Length));
        var draw = new BigInteger(Keccak256.HashData(buffer), isUnsigned: true, isBigEndian: true);
        return draw < winProbability;
    }

    private async Task PayAsync(SqliteConnection connection, SqliteTransaction transaction, Ticket ticket, Hash32 hash, CancellationToken cancellationToken)
    {
        var round = chain.CurrentRound;
        var (deposit, reserve, withdrawRound) = await ReadSenderAsync(connection, transaction, ticket.Sender, cancellationToken).ConfigureAwait(false);
        if (deposit.IsZero && reserve.IsZero)
        {
            throw Reverted("sender deposit and reserve are zero");
        }

        var fromDeposit = BigInteger.Min(ticket.FaceValue, deposit);
        var fromReserve = BigInteger.Zero;
        var rest = ticket.FaceValue - fromDeposit;
        if (rest.Sign > 0 && reserve.Sign > 0)
        {
            // The recipient's share of the reserve this round (the contract's claimable reserve).
            var claimedThisRound = await SumClaimsAsync(connection, transaction, ticket.Sender, null, round, cancellationToken).ConfigureAwait(false);
            var claimedByRecipient = await SumClaimsAsync(connection, transaction, ticket.Sender, ticket.Recipient, round, cancellationToken).ConfigureAwait(false);
            var allocation = chain.Options.PoolSize == 0 ? BigInteger.Zero : ((reserve + claimedThisRound) / chain.Options.PoolSize) - claimedByRecipient;
            fromReserve = BigInteger.Max(BigInteger.Zero, BigInteger.Min(rest, allocation));
        }

        await WriteSenderAsync(connection, transaction, ticket.Sender, deposit - fromDeposit, reserve - fromReserve, withdrawRound, cancellationToken).ConfigureAwait(false);
        if (fromReserve.Sign > 0)
        {
            await NodeDatabase.ExecuteAsync(
                connection,
                """
                INSERT INTO brokerReserveClaims(sender, claimant, round, amount) VALUES($s, $c, $r, $a)
                ON CONFLICT(sender, claimant, round) DO UPDATE SET amount = $total;
                """,
                cancellationToken,
                transaction,
                ("$s", ticket.Sender.ToString()),
                ("$c", ticket.Recipient.ToString()),
                ("$r", round),
                ("$a", Text(fromReserve)),
                ("$total", Text(fromReserve + await SumClaimsAsync(connection, transaction, ticket.Sender, ticket.Recipient, round, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        }

        await NodeDatabase.ExecuteAsync(
            connection,
            "INSERT INTO brokerUsedTickets(ticketHash, sender, recipient, faceValue, paidFromDeposit, paidFromReserve) VALUES($h, $s, $r, $fv, $d, $res);",
            cancellationToken,
            transaction,
            ("$h", hash.ToString()),
            ("$s", ticket.Sender.ToString()),
            ("$r", ticket.Recipient.ToString()),
            ("$fv", Text(ticket.FaceValue)),
            ("$d", Text(fromDeposit)),
            ("$res", Text(fromReserve))).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the configured funds once per start: a sender new to the database gets its configured funds;
    /// one whose configuration changed since it was last applied is reset to the new values (a top-up);
    /// otherwise what redemptions left is kept.
    /// </summary>
    private async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _initialized))
        {
            return;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                foreach (var (sender, configured) in chain.Options.Senders)
                {
                    await NodeDatabase.ExecuteAsync(
                        connection,
                        """
                        INSERT INTO brokerSenders(sender, deposit, reserve, withdrawRound, configuredDeposit, configuredReserve)
                        VALUES($s, $d, $r, $w, $d, $r)
                        ON CONFLICT(sender) DO UPDATE SET deposit = $d, reserve = $r, withdrawRound = $w, configuredDeposit = $d, configuredReserve = $r, updatedAt = CURRENT_TIMESTAMP
                        WHERE configuredDeposit IS NOT $d OR configuredReserve IS NOT $r OR withdrawRound IS NOT $w;
                        """,
                        cancellationToken,
                        null,
                        ("$s", sender.ToString()),
                        ("$d", Text(configured.Deposit)),
                        ("$r", Text(configured.Reserve)),
                        ("$w", configured.WithdrawRound)).ConfigureAwait(false);
                }
            }

            Volatile.Write(ref _initialized, true);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<(BigInteger Deposit, BigInteger Reserve, long WithdrawRound)> ReadSenderAsync(SqliteConnection connection, SqliteTransaction? transaction, EthAddress sender, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT deposit, reserve, withdrawRound FROM brokerSenders WHERE sender = $s;";
        command.Parameters.AddWithValue("$s", sender.ToString());
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return (Parse(reader.GetString(0)), Parse(reader.GetString(1)), reader.GetInt64(2));
            }
        }

        var configured = chain.Options.For(sender);
        return (configured.Deposit, configured.Reserve, configured.WithdrawRound);
    }

    private static Task WriteSenderAsync(SqliteConnection connection, SqliteTransaction transaction, EthAddress sender, BigInteger deposit, BigInteger reserve, long withdrawRound, CancellationToken cancellationToken) =>
        NodeDatabase.ExecuteAsync(
            connection,
            """
            INSERT INTO brokerSenders(sender, deposit, reserve, withdrawRound) VALUES($s, $d, $r, $w)
            ON CONFLICT(sender) DO UPDATE SET deposit = $d, reserve = $r, updatedAt = CURRENT_TIMESTAMP;
            """,
            cancellationToken,
            transaction,
            ("$s", sender.ToString()),
            ("$d", Text(deposit)),
            ("$r", Text(reserve)),
            ("$w", withdrawRound));

    private static async Task<BigInteger> SumClaimsAsync(SqliteConnection connection, SqliteTransaction? transaction, EthAddress sender, EthAddress? claimant, long round, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = claimant is null
            ? "SELECT amount FROM brokerReserveClaims WHERE sender = $s AND round = $r;"
            : "SELECT amount FROM brokerReserveClaims WHERE sender = $s AND round = $r AND claimant = $c;";
        command.Parameters.AddWithValue("$s", sender.ToString());
        command.Parameters.AddWithValue("$r", round);
        if (claimant is { } c)
        {
            command.Parameters.AddWithValue("$c", c.ToString());
        }

        var total = BigInteger.Zero;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                total += Parse(reader.GetString(0));
            }
        }

        return total;
    }

    private static async Task<bool> IsUsedAsync(SqliteConnection connection, SqliteTransaction? transaction, Hash32 hash, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM brokerUsedTickets WHERE ticketHash = $h;";
        command.Parameters.AddWithValue("$h", hash.ToString());
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    private static PaymentException Reverted(string reason) => new("transaction failed: " + reason);

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static BigInteger Parse(string text) => BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
