using System.Collections.Concurrent;
using System.Globalization;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;

/// <summary>
/// The gateway half of the test payment scheme the orchestrators' <see cref="Byoc.Tests.Fakes.TestLedger"/> reads: each
/// payment is worth its fee (rounded up to whole wei) under a fresh nonce; every request is recorded.
/// </summary>
internal sealed class TestPaymentSender(EthAddress sender) : IPaymentSender
{
    private int _nonce;

    public string Name => "test";

    public ConcurrentQueue<PaymentRequest> Requests { get; } = new();

    public ValueTask<Payment?> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var wei = (long)request.Fee.Ceiling();
        var nonce = (uint)Interlocked.Increment(ref _nonce);
        return ValueTask.FromResult<Payment?>(new Payment(sender, new Price(wei, 1)) { Tickets = [new TicketSenderParams(nonce, [.. new byte[65]])] });
    }
}

/// <summary>Encodes a test payment as <c>pay:{sender}:{wei}:{nonce}</c>.</summary>
internal sealed class TestPaymentCodec : IPaymentCodec
{
    public string Encode(Payment payment) =>
        string.Create(CultureInfo.InvariantCulture, $"pay:{payment.Sender}:{payment.ExpectedPrice.PricePerUnit}:{payment.Tickets[0].SenderNonce}");

    public Payment Decode(string headerValue) => throw new NotSupportedException();
}
