using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Redeemer;

/// <summary>
/// An orchestrator's link to its redeemer (<c>-redeemerAddr</c>, go-livepeer <c>RedeemerClient</c>): winning
/// tickets are queued there (the payment is acknowledged only after the redeemer answered), and max floats
/// are asked once per sender, then kept up to date by a <c>MonitorMaxFloat</c> stream. A cached sender not
/// asked for during <see cref="CleanupInterval"/> is dropped (its stream closed) by a sweep every
/// <see cref="CleanupInterval"/>, as upstream's <c>cleanupLoopTime</c>; a stream that fails drops its entry.
/// </summary>
internal sealed partial class RedeemerClient(Uri redeemer, GrpcClient grpc, TimeProvider time, ILogger<RedeemerClient> logger)
    : IWinningTicketQueue, IMaxFloatSource, IHostedService, IDisposable
{
    /// <summary>go-livepeer's <c>cleanupLoopTime</c>: sweep period and idle time of a cache entry.</summary>
    public static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(5);

    /// <summary>go-livepeer's <c>GRPCTimeout</c> for the unary calls.</summary>
    public static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(8);

    private readonly Lock _lock = new();
    private readonly Dictionary<EthAddress, Entry> _senders = [];
    private ITimer? _cleanup;

    public Uri Address => redeemer;

    /// <summary>Senders whose max float is cached.</summary>
    public IReadOnlyCollection<EthAddress> CachedSenders
    {
        get
        {
            lock (_lock)
            {
                return [.. _senders.Keys];
            }
        }
    }

    public async ValueTask EnqueueAsync(WinningTicket ticket, CancellationToken cancellationToken)
    {
        try
        {
            await grpc.UnaryAsync(redeemer, TicketRedeemerService.QueueTicketPath, RedeemerTicketMapping.ToProto(ticket), Net.QueueTicketRes.Parser, RpcTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (GrpcException e)
        {
            throw new PaymentException($"could not queue the winning ticket with the redeemer {redeemer}: {e.Message}", e);
        }
    }

    public async ValueTask<BigInteger> GetMaxFloatAsync(EthAddress sender, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_senders.TryGetValue(sender, out var cached))
            {
                cached.LastAccess = time.GetUtcNow();
                return cached.MaxFloat;
            }
        }

        Net.MaxFloatUpdate update;
        var request = new Net.MaxFloatReq { Sender = Google.Protobuf.ByteString.CopyFrom(sender.ToArray()) };
        try
        {
            update = await grpc.UnaryAsync(redeemer, TicketRedeemerService.MaxFloatPath, request, Net.MaxFloatUpdate.Parser, RpcTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (GrpcException e)
        {
            throw new PaymentException($"could not get the max float from the redeemer {redeemer}: {e.Message}", e);
        }

        var maxFloat = ToInteger(update);
        var entry = new Entry(maxFloat, time.GetUtcNow());
        lock (_lock)
        {
            if (_senders.Remove(sender, out var replaced))
            {
                replaced.Stop.Cancel();
            }

            _senders[sender] = entry;
        }

        entry.Watch = WatchAsync(sender, request, entry);
        return maxFloat;
    }

    /// <summary>Drops the entries idle for longer than <see cref="CleanupInterval"/>; returns how many.</summary>
    public int Cleanup()
    {
        var now = time.GetUtcNow();
        var dropped = new List<Entry>();
        lock (_lock)
        {
            foreach (var (sender, entry) in _senders.ToList())
            {
                if (entry.LastAccess + CleanupInterval < now)
                {
                    _senders.Remove(sender);
                    dropped.Add(entry);
                }
            }
        }

        foreach (var entry in dropped)
        {
            entry.Stop.Cancel();
        }

        return dropped.Count;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _cleanup = time.CreateTimer(_ => Cleanup(), null, CleanupInterval, CleanupInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _cleanup?.Dispose();
        List<Entry> entries;
        lock (_lock)
        {
            entries = [.. _senders.Values];
            _senders.Clear();
        }

        foreach (var entry in entries)
        {
            entry.Stop.Cancel();
        }
    }

    private async Task WatchAsync(EthAddress sender, Net.MaxFloatReq request, Entry entry)
    {
        await Task.Yield();
        try
        {
            await foreach (var update in grpc.ServerStreamingAsync(redeemer, TicketRedeemerService.MonitorMaxFloatPath, request, Net.MaxFloatUpdate.Parser, null, entry.Stop.Token).ConfigureAwait(false))
            {
                lock (_lock)
                {
                    entry.MaxFloat = ToInteger(update);
                    entry.LastAccess = time.GetUtcNow();
                }
            }
        }
        catch (OperationCanceledException) when (entry.Stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is GrpcException or PaymentException or OperationCanceledException)
        {
            LogStreamEnded(logger, sender.ToString(), e.Message);
        }

        // The stream ended: forget the sender so the next request asks again and re-subscribes.
        lock (_lock)
        {
            if (_senders.TryGetValue(sender, out var current) && ReferenceEquals(current, entry))
            {
                _senders.Remove(sender);
            }
        }
    }

    private static BigInteger ToInteger(Net.MaxFloatUpdate update)
    {
        try
        {
            return BigEndian.FromBytes(update.MaxFloat);
        }
        catch (FormatException e)
        {
            throw new PaymentException("the redeemer sent an invalid max float: " + e.Message, e);
        }
    }

    [LoggerMessage(EventId = 1615, Level = LogLevel.Information, Message = "MonitorMaxFloat stream for sender={Sender} ended: {Reason}")]
    private static partial void LogStreamEnded(ILogger logger, string sender, string reason);

    private sealed class Entry(BigInteger maxFloat, DateTimeOffset lastAccess)
    {
        public BigInteger MaxFloat { get; set; } = maxFloat;

        public DateTimeOffset LastAccess { get; set; } = lastAccess;

        public CancellationTokenSource Stop { get; } = new();

        public Task? Watch { get; set; }
    }
}
