using System.Numerics;
using Google.Protobuf;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;
using Livepeer.Host.Redeemer;
using Livepeer.Host.Tests.Payments;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Redeemer;

/// <summary>The net.TicketRedeemer service of a real -redeemer node on 127.0.0.1:0, called with the node's own gRPC client over TLS.</summary>
public sealed class TicketRedeemerServiceTests : IDisposable
{
    private readonly TicketFixtures _fixtures = new();

    public void Dispose() => _fixtures.Dispose();

    private static Net.MaxFloatReq Request() => new() { Sender = ByteString.CopyFrom(TicketFixtures.Sender.Address.ToArray()) };

    [Fact]
    public async Task QueueTicket_stores_the_ticket_before_answering_and_checks_the_recipient()
    {
        await using var node = await RedeemerNode.StartAsync();
        var grpc = InProcessNode.CreateGrpcClient(out var http);
        using (http)
        {
            var ticket = _fixtures.Ticket(123, recipient: node.Recipient());
            await grpc.UnaryAsync(node.Service, TicketRedeemerService.QueueTicketPath, RedeemerTicketMapping.ToProto(ticket), Net.QueueTicketRes.Parser, TimeSpan.FromSeconds(10), CancellationToken.None);
            var stored = Assert.Single(await node.Queue().LoadUnredeemedAsync(10, CancellationToken.None));
            Assert.Equal(ticket.Ticket, stored.Ticket with { });
            Assert.Equal(ticket.RecipientRand, stored.RecipientRand);

            var foreign = _fixtures.Ticket(1, nonce: 2);
            var denied = await Assert.ThrowsAsync<GrpcException>(() => grpc.UnaryAsync(node.Service, TicketRedeemerService.QueueTicketPath, RedeemerTicketMapping.ToProto(foreign), Net.QueueTicketRes.Parser, TimeSpan.FromSeconds(10), CancellationToken.None));
            Assert.Equal(GrpcStatusCode.PermissionDenied, denied.Status);
            Assert.StartsWith("invalid ticket recipient " + TicketFixtures.Recipient, denied.Message, StringComparison.Ordinal);

            var garbage = await Assert.ThrowsAsync<GrpcException>(() => grpc.UnaryAsync(node.Service, TicketRedeemerService.QueueTicketPath, new Net.Ticket { Sender = ByteString.CopyFrom(new byte[3]) }, Net.QueueTicketRes.Parser, TimeSpan.FromSeconds(10), CancellationToken.None));
            Assert.Equal(GrpcStatusCode.InvalidArgument, garbage.Status);
            Assert.Single(await node.Queue().LoadUnredeemedAsync(10, CancellationToken.None));
        }
    }

    [Fact]
    public async Task MaxFloat_answers_the_senders_reserve_allocation()
    {
        await using var node = await RedeemerNode.StartAsync();
        var grpc = InProcessNode.CreateGrpcClient(out var http);
        using (http)
        {
            var answer = await grpc.UnaryAsync(node.Service, TicketRedeemerService.MaxFloatPath, Request(), Net.MaxFloatUpdate.Parser, TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.Equal(new BigInteger(600), BigEndian.FromBytes(answer.MaxFloat));

            var unknown = await grpc.UnaryAsync(node.Service, TicketRedeemerService.MaxFloatPath, new Net.MaxFloatReq { Sender = ByteString.CopyFrom(new byte[20]) }, Net.MaxFloatUpdate.Parser, TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.True(unknown.MaxFloat.IsEmpty);

            var bad = await Assert.ThrowsAsync<GrpcException>(() => grpc.UnaryAsync(node.Service, TicketRedeemerService.MaxFloatPath, new Net.MaxFloatReq(), Net.MaxFloatUpdate.Parser, TimeSpan.FromSeconds(10), CancellationToken.None));
            Assert.Equal(GrpcStatusCode.InvalidArgument, bad.Status);
        }
    }

    [Fact]
    public async Task MonitorMaxFloat_streams_an_update_each_time_the_max_float_changes()
    {
        await using var node = await RedeemerNode.StartAsync();
        var grpc = InProcessNode.CreateGrpcClient(out var http);
        using (http)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var updates = new List<BigInteger>();
            var sender = TicketFixtures.Sender.Address;
            var reading = Task.Run(async () =>
            {
                await foreach (var update in grpc.ServerStreamingAsync(node.Service, TicketRedeemerService.MonitorMaxFloatPath, Request(), Net.MaxFloatUpdate.Parser, null, stop.Token))
                {
                    lock (updates)
                    {
                        updates.Add(BigEndian.FromBytes(update.MaxFloat));
                        if (updates.Contains(200) && updates[^1] == 600)
                        {
                            return;
                        }
                    }
                }
            });

            // Until the subscription is in place, nudge; then two real changes: 400 pending (1000 < 3 × 400), none pending.
            while (Count(updates) == 0)
            {
                Assert.False(stop.IsCancellationRequested, "no first update");
                node.Monitor().NotifyChanged(sender);
                await Task.Delay(20);
            }

            node.Monitor().AddPending(sender, 400);
            await WaitForAsync(() => Last(updates) == 200, stop.Token);
            node.Monitor().AddPending(sender, -400);
            await reading.WaitAsync(stop.Token);
            Assert.Equal(new BigInteger(600), updates[^1]);
            Assert.Equal(new BigInteger(600), updates[0]);
        }
    }

    private static int Count(List<BigInteger> updates)
    {
        lock (updates)
        {
            return updates.Count;
        }
    }

    private static BigInteger Last(List<BigInteger> updates)
    {
        lock (updates)
        {
            return updates[^1];
        }
    }

    internal static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
