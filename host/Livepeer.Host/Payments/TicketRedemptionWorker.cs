using System.Numerics;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Host.Payments;

/// <summary>
/// go-livepeer's ticket queue loop (§4.7), on an orchestrator that redeems its own tickets or on a
/// redeemer: once per block, every stored, unredeemed ticket created in the last
/// <see cref="EmbeddedTicketBroker.TicketValidityPeriod"/> rounds whose params have expired (so its
/// recipientRand may be revealed) is redeemed, earliest first. Final errors take the ticket out of the
/// queue; any other error leaves it for the next block. Nothing is held in memory, so a restart loses nothing.
/// </summary>
internal sealed partial class TicketRedemptionWorker(
    SqliteWinningTicketQueue queue,
    ITicketBroker broker,
    LocalSenderMonitor monitor,
    BrokerOptions options,
    TimeProvider time,
    ILogger<TicketRedemptionWorker> logger) : IHostedService, IAsyncDisposable
{
    private const int BatchSize = 100;
    private readonly SemaphoreSlim _running = new(1, 1);
    private CancellationTokenSource? _stopping;
    private Task? _loop;

    /// <summary>go-livepeer <c>isNonRetryableTicketErr</c>: the used-ticket error, a failed transaction, a round without block hash.</summary>
    public static bool IsFinal(string message) =>
        message == EmbeddedTicketBroker.UsedTicketError ||
        message.Contains("transaction failed", StringComparison.Ordinal) ||
        message.Contains("ticket creationRound does not have a block hash", StringComparison.Ordinal);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = LoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not { } stopping || _loop is null)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as a hosted service: the container may dispose it twice.
        if (Interlocked.Exchange(ref _stopping, null) is { } stopping)
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            stopping.Dispose();
        }
    }

    /// <summary>One pass over the due tickets; returns how many left the queue (redeemed or given up).</summary>
    public async Task<int> RedeemDueAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var chain = await broker.GetChainStateAsync(cancellationToken).ConfigureAwait(false);
            var latest = (long)BigInteger.Min(chain.LastSeenBlock, long.MaxValue);
            var due = await queue.LoadDueAsync(chain.LastInitializedRound - EmbeddedTicketBroker.TicketValidityPeriod, latest, BatchSize, cancellationToken).ConfigureAwait(false);
            var done = 0;
            foreach (var ticket in due)
            {
                try
                {
                    await RedeemAsync(ticket, chain, cancellationToken).ConfigureAwait(false);
                    await queue.MarkRedeemedAsync(ticket.Signature, ticket.Ticket.ComputeHash(), null, cancellationToken).ConfigureAwait(false);
                    LogRedeemed(logger, ticket.Ticket.Sender.ToString(), ticket.Ticket.FaceValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    done++;
                }
                catch (PaymentException e) when (IsFinal(e.Message))
                {
                    await queue.MarkRedeemedAsync(ticket.Signature, default, e.Message, cancellationToken).ConfigureAwait(false);
                    LogGivenUp(logger, ticket.Ticket.Sender.ToString(), e.Message);
                    done++;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogRetry(logger, ticket.Ticket.Sender.ToString(), e.Message);
                }
            }

            return done;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>go-livepeer <c>redeemWinningTicket</c>: used check, funds and tx-cost checks, then redeem with the face value pending.</summary>
    private async Task RedeemAsync(WinningTicket ticket, ChainState chain, CancellationToken cancellationToken)
    {
        var t = ticket.Ticket;
        if (await broker.IsUsedTicketAsync(t.ComputeHash(), cancellationToken).ConfigureAwait(false))
        {
            throw new PaymentException(EmbeddedTicketBroker.UsedTicketError);
        }

        var available = await monitor.AvailableFundsAsync(t.Sender, cancellationToken).ConfigureAwait(false);
        var txCost = chain.GasPrice * options.RedeemGas;
        if (available <= txCost)
        {
            throw new PaymentException($"insufficient sender funds: available funds {available} do not cover the redemption tx cost {txCost}");
        }

        if (t.FaceValue <= txCost)
        {
            throw new PaymentException($"insufficient ticket face value {t.FaceValue} to cover the redemption tx cost {txCost}");
        }

        monitor.AddPending(t.Sender, t.FaceValue);
        try
        {
            await broker.RedeemWinningTicketAsync(ticket, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            monitor.AddPending(t.Sender, -t.FaceValue);
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RedeemDueAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(options.BlockInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogLoopFailed(logger, e);
                try
                {
                    await Task.Delay(options.BlockInterval, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Redeemed winning ticket sender={Sender} faceValue={FaceValue}")]
    private static partial void LogRedeemed(ILogger logger, string sender, string faceValue);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Winning ticket from sender={Sender} cannot be redeemed and leaves the queue: {Reason}")]
    private static partial void LogGivenUp(ILogger logger, string sender, string reason);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Information, Message = "Winning ticket from sender={Sender} not redeemed yet, retrying next block: {Reason}")]
    private static partial void LogRetry(ILogger logger, string sender, string reason);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Error, Message = "Ticket queue pass failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
