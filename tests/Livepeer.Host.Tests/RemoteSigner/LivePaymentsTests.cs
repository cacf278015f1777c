using System.Numerics;
using System.Text.Json;
using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Crypto;
using Livepeer.Host.Protocol;
using Livepeer.Host.RemoteSigner;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.RemoteSigner;

/// <summary>
/// <c>/generate-live-payment</c> logic with a recording payment sender: what is priced on the first call
/// (preload) and on later ones (time since the state), the opaque state round trip, and 480/481/482.
/// </summary>
public sealed class LivePaymentsTests
{
    private static readonly EthereumAccount Account = new(Convert.FromHexString("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly RecordingSender _sender = new();

    private LivePayments Payments(Rational? max = null) =>
        new(Account, new Secp256k1SignatureVerifier(), _sender, new TextCodec(), max, _time);

    private static Net.OrchestratorInfo Orchestrator(long byocPrice = 10, long topPrice = 3) => new()
    {
        Transcoder = "https://127.0.0.1:8935",
        PriceInfo = new Net.PriceInfo { PricePerUnit = topPrice, PixelsPerUnit = 1 },
        CapabilitiesPrices = { new Net.PriceInfo { PricePerUnit = byocPrice, PixelsPerUnit = 1, Capability = (uint)Capability.Byoc, Constraint = "text-reversal" } },
        AuthToken = new Net.AuthToken { Token = ByteString.CopyFromUtf8("tok"), SessionId = "s1", Expiration = 99 },
    };

    private static LivePaymentRequest Parse(string json) => LivePaymentRequest.Parse(JsonDocument.Parse(json).RootElement.Clone());

    private static string B64(IMessage message) => Convert.ToBase64String(message.ToByteArray());

    private static string ByocBody(string extra = "") =>
        $$"""{"orchestrator":"{{B64(Orchestrator())}}","type":"BYOC","RequestID":"r1","manifestID":"job1","preloadSeconds":15,"capability":"text-reversal"{{extra}}}""";

    [Fact]
    public async Task First_call_pays_the_preload_then_each_call_the_time_since_the_last()
    {
        var payments = Payments();
        var first = await payments.GenerateAsync(Parse(ByocBody()), default);
        Assert.Equal(200, first.Status);
        Assert.Equal(new Rational(150, 1), _sender.Requests[^1].Fee); // 15 s × 10 wei/s
        Assert.Equal("text-reversal", _sender.Requests[^1].LedgerKey);
        var body = JsonSerializer.SerializeToElement(first.Body);
        Assert.Equal("payment:150", body.GetProperty("payment").GetString());
        Assert.Equal("", body.GetProperty("segCreds").GetString());
        var state = body.GetProperty("state").GetRawText();

        _time.Advance(TimeSpan.FromMilliseconds(5_500));
        var second = await payments.GenerateAsync(Parse(ByocBody($$""","state":{{state}}""")), default);
        Assert.Equal(200, second.Status);
        Assert.Equal(new Rational(55, 1), _sender.Requests[^1].Fee); // 5.5 s × 10
    }

    [Fact]
    public async Task A_tampered_or_foreign_state_is_refused()
    {
        var first = await Payments().GenerateAsync(Parse(ByocBody()), default);
        var state = JsonSerializer.SerializeToElement(first.Body).GetProperty("state");
        var blob = Convert.FromBase64String(state.GetProperty("State").GetString()!);
        blob[^2] ^= 1;
        var tampered = $$""","state":{"State":"{{Convert.ToBase64String(blob)}}","Sig":"{{state.GetProperty("Sig").GetString()}}"}""";
        await Assert.ThrowsAsync<SignerRequestException>(() => Payments().GenerateAsync(Parse(ByocBody(tampered)), default));

        var other = ByocBody($$""","state":{{state.GetRawText()}}""").Replace("\"job1\"", "\"job2\"", StringComparison.Ordinal);
        await Assert.ThrowsAsync<SignerRequestException>(() => Payments().GenerateAsync(Parse(other), default));
        await Assert.ThrowsAsync<SignerRequestException>(() => Payments().GenerateAsync(Parse(ByocBody(""","state":{"State":"AAAA"}""")), default));
    }

    [Fact]
    public async Task Statuses_480_481_482()
    {
        _sender.Throw = true;
        Assert.Equal(LivePayments.RefreshSession, (await Payments().GenerateAsync(Parse(ByocBody()), default)).Status);
        _sender.Throw = false;
        Assert.Equal(LivePayments.PriceExceeded, (await Payments(new Rational(5, 1)).GenerateAsync(Parse(ByocBody()), default)).Status);
        _sender.ReturnNothing = true;
        Assert.Equal(LivePayments.NoPayment, (await Payments().GenerateAsync(Parse(ByocBody()), default)).Status);
        _sender.ReturnNothing = false;
        var free = $$"""{"orchestrator":"{{B64(Orchestrator(0, 0))}}","type":"byoc","manifestID":"j","capability":"text-reversal"}""";
        Assert.Equal(LivePayments.NoPayment, (await Payments().GenerateAsync(Parse(free), default)).Status);
    }

    [Fact]
    public async Task Lv2v_pays_pixels_and_carries_segment_credentials()
    {
        var body = $$"""{"orchestrator":"{{B64(Orchestrator())}}","Type":"lv2v","ManifestID":"m9"}""";
        var answer = await Payments().GenerateAsync(Parse(body), default);
        Assert.Equal(200, answer.Status);
        Assert.Equal(new Rational(new BigInteger(3) * 60 * LivePaymentRequest.LivePixelsPerSecond, 1), _sender.Requests[^1].Fee);
        var segment = Net.SegData.Parser.ParseFrom(Convert.FromBase64String(JsonSerializer.SerializeToElement(answer.Body).GetProperty("segCreds").GetString()!));
        Assert.Equal("m9", segment.ManifestId.ToStringUtf8());
        Assert.Equal("s1", segment.AuthToken.SessionId);
    }

    [Fact]
    public async Task Untyped_requests_need_pixels_and_payment_results_are_accepted_as_orchestrator()
    {
        var wrapped = B64(new Net.PaymentResult { Info = Orchestrator() });
        var answer = await Payments().GenerateAsync(Parse($$"""{"orchestrator":"{{wrapped}}","inPixels":1000}"""), default);
        Assert.Equal(200, answer.Status);
        Assert.Equal(new Rational(3000, 1), _sender.Requests[^1].Fee);
        await Assert.ThrowsAsync<SignerRequestException>(() => Payments().GenerateAsync(Parse($$"""{"orchestrator":"{{wrapped}}"}"""), default));
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{}""")]
    [InlineData("""{"orchestrator":"!!!"}""")]
    [InlineData("""{"orchestrator":"AAEC"}""")]
    [InlineData("""{"orchestrator":5}""")]
    [InlineData("""{"orchestrator":"CgA=","type":"transcode"}""")]
    [InlineData("""{"orchestrator":"CgA=","preloadSeconds":-1}""")]
    [InlineData("""{"orchestrator":"CgA=","preloadSeconds":1e300}""")]
    [InlineData("""{"orchestrator":"CgA=","capabilities":"////"}""")]
    public void Bad_requests_are_typed_errors(string json) =>
        Assert.Throws<SignerRequestException>(() => Parse(json));

    private sealed class RecordingSender : IPaymentSender
    {
        public List<PaymentRequest> Requests { get; } = [];

        public bool Throw { get; set; }

        public bool ReturnNothing { get; set; }

        public string Name => "recording";

        public ValueTask<Payment?> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            if (Throw)
            {
                throw new PaymentException("ticket parameters expired");
            }

            return ValueTask.FromResult(ReturnNothing ? null : new Payment(Account.Address, new Price((long)request.Fee.Floor(), 1)));
        }
    }

    private sealed class TextCodec : IPaymentCodec
    {
        public string Encode(Payment payment) => "payment:" + payment.ExpectedPrice.PricePerUnit;

        public Payment Decode(string headerValue) => throw new NotSupportedException();
    }
}
