using System.Globalization;
using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Storage;

namespace Livepeer.Host.Storage;

/// <summary>
/// The <c>orchestrators</c> table. Prices and stakes are stored as exact text ("n/d", decimal integers)
/// rather than upstream's fixed-point int64, so nothing is rounded; timestamps are ISO 8601 UTC.
/// </summary>
internal sealed class SqliteOrchestratorStore(NodeDatabase database) : IOrchestratorStore
{
    public async ValueTask UpsertAsync(KnownOrchestrator orchestrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await NodeDatabase.ExecuteAsync(
                connection,
                """
                INSERT INTO orchestrators(ethereumAddr, serviceURI, pricePerPixel, activationRound, deactivationRound, stake, updatedAt)
                VALUES($addr, $uri, $price, $act, $deact, $stake, $updated)
                ON CONFLICT(ethereumAddr) DO UPDATE SET serviceURI = excluded.serviceURI, pricePerPixel = excluded.pricePerPixel,
                    activationRound = excluded.activationRound, deactivationRound = excluded.deactivationRound,
                    stake = excluded.stake, updatedAt = excluded.updatedAt;
                """,
                cancellationToken,
                null,
                ("$addr", orchestrator.Address.ToString()),
                ("$uri", orchestrator.ServiceUri.ToString()),
                ("$price", orchestrator.PricePerPixel?.ToString()),
                ("$act", orchestrator.ActivationRound),
                ("$deact", orchestrator.DeactivationRound),
                ("$stake", orchestrator.Stake.ToString(CultureInfo.InvariantCulture)),
                ("$updated", orchestrator.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyList<KnownOrchestrator>> ListAsync(DateTimeOffset updatedSince, long? round, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText =
                """
                SELECT ethereumAddr, serviceURI, pricePerPixel, activationRound, deactivationRound, stake, updatedAt
                FROM orchestrators
                WHERE updatedAt >= $since AND ($round IS NULL OR (activationRound <= $round AND $round < deactivationRound))
                ORDER BY ethereumAddr;
                """;
            command.Parameters.AddWithValue("$since", updatedSince.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$round", round is { } r ? r : DBNull.Value);
            var result = new List<KnownOrchestrator>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    result.Add(new KnownOrchestrator(EthAddress.Parse(reader.GetString(0)), new Uri(reader.GetString(1)))
                    {
                        PricePerPixel = reader.IsDBNull(2) ? null : Rational.Parse(reader.GetString(2)),
                        ActivationRound = reader.GetInt64(3),
                        DeactivationRound = reader.GetInt64(4),
                        Stake = BigInteger.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                        UpdatedAt = DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                    });
                }
            }

            return result;
        }
    }
}
