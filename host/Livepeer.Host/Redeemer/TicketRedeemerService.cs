using System.Threading.Channels;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Grpc;
using Livepeer.Host.Payments;
using Livepeer.Host.Protocol;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Redeemer;

/// <summary>
/// The <c>net.TicketRedeemer</c> gRPC service of a <c>-redeemer</c> node (go-livepeer server/redeemer.go),
/// on the service listener: orchestrators queue their winning tickets here and watch their senders' max float.
/// </summary>
internal sealed partial class TicketRedeemerService(
    SqliteWinningTicketQueue queue,
    LocalSenderMonitor monitor,
    IHostApplicationLifetime lifetime,
    ILogger<TicketRedeemerService> logger)
{
    public const string QueueTicketPath = "/net.TicketRedeemer/QueueTicket";
    public const string MaxFloatPath = "/net.TicketRedeemer/MaxFloat";
    public const string MonitorMaxFloatPath = "/net.TicketRedeemer/MonitorMaxFloat";

    /// <summary>The recipient whose tickets this redeemer accepts (the node's own account, as upstream).</summary>
    public EthAddress Recipient => monitor.Claimant;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcUnary<Net.Ticket, Net.QueueTicketRes>(QueueTicketPath, Net.Ticket.Parser,
            (request, call) => Service(call).QueueTicketAsync(request, call));
        endpoints.MapGrpcUnary<Net.MaxFloatReq, Net.MaxFloatUpdate>(MaxFloatPath, Net.MaxFloatReq.Parser,
            (request, call) => Service(call).MaxFloatAsync(request, call));
        endpoints.MapGrpcServerStreaming<Net.MaxFloatReq, Net.MaxFloatUpdate>(MonitorMaxFloatPath, Net.MaxFloatReq.Parser,
            (request, write, call) => Service(call).MonitorMaxFloatAsync(request, write, call));
    }

    /// <summary>Stores the ticket durably; the answer goes out only after the commit.</summary>
    public async Task<Net.QueueTicketRes> QueueTicketAsync(Net.Ticket request, GrpcServerCallContext call)
    {
        Abstractions.Payments.WinningTicket ticket;
        try
        {
            ticket = RedeemerTicketMapping.FromProto(request);
        }
        catch (FormatException e)
        {
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "invalid ticket: " + e.Message);
        }

        if (ticket.Ticket.Recipient != Recipient)
        {
            throw new GrpcException(GrpcStatusCode.PermissionDenied, $"invalid ticket recipient {ticket.Ticket.Recipient}, expected {Recipient.ToChecksumString()}");
        }

        try
        {
            await queue.EnqueueAsync(ticket, call.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new GrpcException(GrpcStatusCode.Internal, e.Message);
        }

        LogQueued(logger, ticket.Ticket.Sender.ToString(), call.Peer);
        return new Net.QueueTicketRes();
    }

    public async Task<Net.MaxFloatUpdate> MaxFloatAsync(Net.MaxFloatReq request, GrpcServerCallContext call)
    {
        var sender = Sender(request);
        try
        {
            return new Net.MaxFloatUpdate { MaxFloat = BigEndian.ToBytes(await monitor.GetMaxFloatAsync(sender, call.CancellationToken).ConfigureAwait(false)) };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new GrpcException(GrpcStatusCode.Internal, e.Message);
        }
    }

    /// <summary>Sends the sender's max float each time it may have changed, until the client goes away (no initial value, as upstream).</summary>
    public async Task MonitorMaxFloatAsync(Net.MaxFloatReq request, Func<Net.MaxFloatUpdate, Task> write, GrpcServerCallContext call)
    {
        var sender = Sender(request);
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = monitor.Subscribe(sender, () => changes.Writer.TryWrite(true));
        LogSubscribed(logger, sender.ToString(), call.Peer);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            while (await changes.Reader.WaitToReadAsync(stop.Token).ConfigureAwait(false))
            {
                changes.Reader.TryRead(out _);
                var maxFloat = await monitor.GetMaxFloatAsync(sender, stop.Token).ConfigureAwait(false);
                await write(new Net.MaxFloatUpdate { MaxFloat = BigEndian.ToBytes(maxFloat) }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !call.CancellationToken.IsCancellationRequested)
        {
            // The node is stopping: end the stream cleanly (upstream returns nil on quit).
        }
    }

    private static TicketRedeemerService Service(GrpcServerCallContext call) =>
        call.HttpContext.RequestServices.GetRequiredService<TicketRedeemerService>();

    // Upstream reads the sender with BytesToAddress (any length); we require an address.
    private static EthAddress Sender(Net.MaxFloatReq request) =>
        request.Sender.Length == EthAddress.Length
            ? new EthAddress(request.Sender.Span)
            : throw new GrpcException(GrpcStatusCode.InvalidArgument, $"sender is {request.Sender.Length} bytes, not 20");

    [LoggerMessage(EventId = 1610, Level = LogLevel.Information, Message = "Ticket queued sender={Sender} from {Peer}")]
    private static partial void LogQueued(ILogger logger, string sender, string peer);

    [LoggerMessage(EventId = 1611, Level = LogLevel.Debug, Message = "MonitorMaxFloat subscriber for sender={Sender} from {Peer}")]
    private static partial void LogSubscribed(ILogger logger, string sender, string peer);
}
