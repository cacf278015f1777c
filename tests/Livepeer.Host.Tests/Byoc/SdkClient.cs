using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Crypto;
using Livepeer.Host.Grpc;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Byoc;

/// <summary>
/// Does on the wire what the Python gateway SDK's <c>start_byoc_job</c> does (clients-and-workers §1.3, §1.9):
/// GetOrchestrator over TLS with the leaf certificate pinned (TOFU), a V1-signed <c>Livepeer</c> header,
/// payment headers, start with URLs read from the <c>X-*</c> headers, payments on a timer (going on after
/// stop), trickle control and events, stop, and DELETE of the channel it published to.
/// </summary>
internal sealed class SdkClient : IDisposable
{
    // OrchestratorRequest{ignoreCapacityCheck, capabilities{capacities{37:1}, constraints{37:{models{"text-reversal"}}}}} as the SDK serialises it.
    public const string TextReversalRequestHex = "1a04082510012a191217082512130a110a0d746578742d726576657273616c1200";

    private readonly EthereumAccount _account;
    private readonly HttpClient _http;
    private X509Certificate2? _pinned;

    /// <summary>A client signing with <paramref name="account"/> (the key its remote signer holds), or a fresh key.</summary>
    public SdkClient(EthereumAccount? account = null)
    {
        _account = account ?? EthereumAccount.Create();
        _http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }) { Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("livepeer-python-gateway/0.1");
    }

    public EthAddress Address => _account.Address;

    /// <summary>GetOrchestrator with the SDK's request (its capabilities, or none for the preflight fallback), pinning the first certificate seen.</summary>
    public async Task<Net.OrchestratorInfo> GetOrchestratorAsync(Uri orchestrator, bool withCapabilities)
    {
        var request = withCapabilities ? Net.OrchestratorRequest.Parser.ParseFrom(Convert.FromHexString(TextReversalRequestHex)) : new Net.OrchestratorRequest { IgnoreCapacityCheck = true };
        request.Address = ByteString.CopyFrom(_account.Address.ToArray());
        request.Sig = ByteString.CopyFrom(_account.SignHashedMessage(Encoding.UTF8.GetBytes(_account.Address.ToChecksumString())));
        using var http = GrpcClient.CreateHttpClient(certificate =>
        {
            _pinned ??= certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
            return certificate is not null && _pinned is not null && certificate.RawData.AsSpan().SequenceEqual(_pinned.RawData);
        });
        return await new GrpcClient(http).UnaryAsync(orchestrator, "/net.Orchestrator/GetOrchestrator", request, Net.OrchestratorInfo.Parser, TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    /// <summary>The SDK's header: request = {"stream_id"}, parameters with the three flags, V1 signature.</summary>
    public string Job(string capability, string id, bool ingress = false, bool egress = false, bool data = false, int timeout = 15, bool v0 = false)
    {
        var parameters = $"{{\"enable_video_ingress\":{Flag(ingress)},\"enable_video_egress\":{Flag(egress)},\"enable_data_output\":{Flag(data)}}}";
        var job = new ByocJobHeader(id, $"{{\"stream_id\":\"{id}\"}}", parameters, capability, _account.Address.ToChecksumString(), "", timeout);
        return (job with { Signature = EthHex.Encode(_account.SignHashedMessage(v0 ? ByocJobSignature.V0Message(job) : ByocJobSignature.V1Message(job))) }).Encode();
    }

    /// <summary>A <c>net.Payment</c> from this sender with no tickets (what an offchain scheme gets), base64.</summary>
    public string Payment() => Convert.ToBase64String(new Net.Payment
    {
        Sender = ByteString.CopyFrom(_account.Address.ToArray()),
        ExpectedPrice = new Net.PriceInfo { PricePerUnit = 0, PixelsPerUnit = 1 },
    }.ToByteArray());

    /// <summary>POSTs with the job header and, when <paramref name="payment"/>, <paramref name="paymentHeader"/> (default: <see cref="Payment"/>).</summary>
    public async Task<HttpResponseMessage> PostAsync(Uri url, string job, string? body, bool payment, string contentType = "application/json", string? paymentHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body ?? "", Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation(ByocHeaders.Job, job);
        if (payment)
        {
            request.Headers.TryAddWithoutValidation(ByocHeaders.Payment, paymentHeader ?? Payment());
            request.Headers.TryAddWithoutValidation(ByocHeaders.Segment, "");
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Writes one JSON message on a trickle channel as the SDK's publisher does: GET next, then a chunked POST with Reset.</summary>
    public async Task<long> PublishJsonAsync(Uri channel, string json)
    {
        using var next = await _http.GetAsync(channel + "/next");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var seq = long.Parse(next.Headers.GetValues("Lp-Trickle-Latest").Single(), System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{channel}/{seq}") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))) };
        request.Headers.TransferEncodingChunked = true;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Lp-Trickle-Reset", "1");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return seq;
    }

    /// <summary>Reads one JSON event as the SDK's subscriber does (GET -2, long-poll, Lp-Trickle-Seq on the answer).</summary>
    public async Task<(long Seq, string Json, string? ContentType)> ReadEventAsync(Uri channel, long seq)
    {
        using var response = await _http.GetAsync($"{channel}/{seq}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (long.Parse(response.Headers.GetValues("Lp-Trickle-Seq").Single(), System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    public Task<HttpResponseMessage> DeleteAsync(Uri channel) => _http.DeleteAsync(channel);

    public Task<HttpResponseMessage> GetAsync(Uri url) => _http.GetAsync(url);

    public void Dispose()
    {
        _http.Dispose();
        _pinned?.Dispose();
    }

    private static string Flag(bool value) => value ? "true" : "false";
}
