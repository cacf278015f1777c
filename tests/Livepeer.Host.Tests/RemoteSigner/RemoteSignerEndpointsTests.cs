using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Crypto;
using Livepeer.Host.Tests.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.RemoteSigner;

/// <summary>
/// A real <c>-remoteSigner</c> node on 127.0.0.1:0: the four routes as the Python SDK calls them, their
/// signatures checked by recovery, and bad bodies answered with 4xx (never 5xx).
/// </summary>
public sealed class RemoteSignerEndpointsTests(RemoteSignerEndpointsTests.SignerNode fixture) : IClassFixture<RemoteSignerEndpointsTests.SignerNode>
{
    private readonly InProcessNode _node = fixture.Node;
    private readonly FakeOrchestrators _orchestrators = fixture.Orchestrators;
    private readonly HttpClient _http = fixture.Http;

    /// <summary>One signer node (its keystore takes a while to create) and two stand-in orchestrators for the class.</summary>
    public sealed class SignerNode : IAsyncLifetime
    {
        internal InProcessNode Node { get; private set; } = null!;

        internal FakeOrchestrators Orchestrators { get; private set; } = null!;

        public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        // Orchestrator 0 offers BYOC text-reversal; orchestrator 1 offers nothing but legacy transcoding.
        Orchestrators = await FakeOrchestrators.StartAsync(2, (i, self, _, _) =>
        {
            var info = FakeOrchestrators.Info(self);
            if (i == 0)
            {
                info.Capabilities = Livepeer.Host.Protocol.NetMapping.ToProto(new NodeCapabilities
                {
                    Offered = CapabilitySet.Of([.. CapabilitySet.Legacy, Capability.Byoc]),
                    Models = new Dictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>> { [Capability.Byoc] = new Dictionary<string, ModelConstraint> { ["text-reversal"] = new() } },
                });
            }

            return Task.FromResult(info);
        });
        Node = await InProcessNode.StartAsync("-remoteSigner", "-discoveryTimeout", "5s", "-orchAddr", string.Join(',', Orchestrators.Uris));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Node.DisposeAsync();
        await Orchestrators.DisposeAsync();
    }
    }

    private IEthereumAccount Account => _node.Services.GetRequiredService<IEthereumAccount>();

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        _http.PostAsync(new Uri(_node.Http, path), new StringContent(body, Encoding.UTF8, "application/json"));

    private static bool Verifies(EthAddress signer, byte[] message, string signatureHex)
    {
        var hash = Keccak256.HashData(message);
        return new Secp256k1SignatureVerifier().VerifyMessage(signer, hash, Convert.FromHexString(signatureHex[2..])) == SignatureStatus.Valid;
    }

    [Fact]
    public async Task Sign_orchestrator_info_signs_the_checksummed_address()
    {
        using var response = await PostAsync("/sign-orchestrator-info", "{}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var address = body.GetProperty("address").GetString()!;
        Assert.Equal(Account.Address.ToChecksumString(), address);
        Assert.True(Verifies(Account.Address, Encoding.UTF8.GetBytes(address), body.GetProperty("signature").GetString()!));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData(null)]
    [InlineData("v0")]
    public async Task Sign_byoc_job_signs_the_requested_format(string? format)
    {
        var job = new ByocJobHeader("2fce0a", """{"stream_id":"2fce0a"}""", """{"enable_video_ingress":false}""", "text-reversal", "", "", 15);
        var body = $$"""{"id":"{{job.Id}}","capability":"{{job.Capability}}","request":{{JsonSerializer.Serialize(job.Request)}},"parameters":{{JsonSerializer.Serialize(job.Parameters)}},"timeout_seconds":15{{(format is null ? "" : $",\"signature_format\":\"{format}\"")}}}""";
        using var response = await PostAsync("/sign-byoc-job", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Account.Address.ToChecksumString(), answer.GetProperty("sender").GetString());
        var message = format == "v0" ? ByocJobSignature.V0Message(job) : ByocJobSignature.V1Message(job);
        Assert.True(Verifies(Account.Address, message, answer.GetProperty("signature").GetString()!));
    }

    [Fact]
    public async Task Ethers_recovers_the_byoc_job_signer()
    {
        var job = new ByocJobHeader("j1", """{"stream_id":"j1"}""", "{}", "text-reversal", "", "", 30);
        using var response = await PostAsync("/sign-byoc-job", """{"id":"j1","capability":"text-reversal","request":"{\"stream_id\":\"j1\"}","parameters":"{}","timeout_seconds":30}""");
        var signature = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signature").GetString()!;
        var digest = "0x" + Convert.ToHexStringLower(Keccak256.HashData(ByocJobSignature.V1Message(job)));
        var result = Crypto.EthersInteropTests.RunEthers(new System.Text.Json.Nodes.JsonObject
        {
            ["verify"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["message"] = digest, ["signature"] = signature }),
        });
        Assert.Equal(Account.Address.ToChecksumString(), result["verify"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Generate_live_payment_offchain_says_skip()
    {
        var info = Convert.ToBase64String(FakeOrchestrators.Info(_orchestrators.Uris[0]).ToByteArray());
        using var response = await PostAsync("/generate-live-payment", $$"""{"ORCHESTRATOR":"{{info}}","type":"byoc","RequestID":"x","manifestID":"j","preloadSeconds":15}""");
        Assert.Equal(482, (int)response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("error").TryGetProperty("message", out _));
    }

    [Fact]
    public async Task Discover_orchestrators_filters_by_caps()
    {
        var all = await _http.GetFromJsonAsync<JsonElement>(new Uri(_node.Http, "/discover-orchestrators"));
        Assert.Equal(2, all.GetArrayLength());
        var byoc = await _http.GetFromJsonAsync<JsonElement>(new Uri(_node.Http, "/discover-orchestrators?caps=byoc/text-reversal"));
        Assert.Equal(_orchestrators.Uris[0].GetLeftPart(UriPartial.Authority), Assert.Single(byoc.EnumerateArray()).GetProperty("address").GetString());
        var none = await _http.GetFromJsonAsync<JsonElement>(new Uri(_node.Http, "/discover-orchestrators?caps=byoc/other"));
        Assert.Equal(0, none.GetArrayLength());
        using var unknown = await _http.GetAsync(new Uri(_node.Http, "/discover-orchestrators?caps=teleport/x"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Theory]
    [InlineData("/sign-byoc-job", "not json")]
    [InlineData("/sign-byoc-job", "[1,2]")]
    [InlineData("/sign-byoc-job", """{"capability":"x"}""")]
    [InlineData("/sign-byoc-job", """{"capability":"x","timeout_seconds":0}""")]
    [InlineData("/sign-byoc-job", """{"capability":"x","timeout_seconds":"15"}""")]
    [InlineData("/sign-byoc-job", """{"capability":"x","timeout_seconds":15,"signature_format":"v9"}""")]
    [InlineData("/sign-byoc-job", """{"capability":7,"timeout_seconds":15}""")]
    [InlineData("/sign-byoc-job", """{"capability":"x","timeout_seconds":15,"request":{"a":1}}""")]
    [InlineData("/generate-live-payment", "")]
    [InlineData("/generate-live-payment", """{"type":"byoc"}""")]
    [InlineData("/generate-live-payment", """{"orchestrator":"CgA=","type":"nope"}""")]
    [InlineData("/generate-live-payment", """{"orchestrator":"%%%"}""")]
    public async Task Bad_bodies_are_400(string path, string body)
    {
        using var response = await PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sign-byoc-job")]
    [InlineData("/generate-live-payment")]
    public async Task Huge_bodies_are_413(string path)
    {
        using var response = await PostAsync(path, "{\"x\":\"" + new string('a', 2 << 20) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Mutated_bodies_never_fail_the_server()
    {
        var info = Convert.ToBase64String(FakeOrchestrators.Info(_orchestrators.Uris[0]).ToByteArray());
        string[] seeds =
        [
            """{"id":"a","capability":"text-reversal","request":"{}","parameters":"{}","timeout_seconds":15,"signature_format":"v1"}""",
            "{\"orchestrator\":\"" + info + "\",\"type\":\"byoc\",\"RequestID\":\"x\",\"manifestID\":\"j\",\"preloadSeconds\":15,\"state\":{\"State\":\"AA==\",\"Sig\":\"AA==\"}}",
        ];
        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            var seed = Encoding.UTF8.GetBytes(seeds[i % 2]);
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                seed[random.Next(seed.Length)] = (byte)random.Next(32, 127);
            }

            using var response = await PostAsync(i % 2 == 0 ? "/sign-byoc-job" : "/generate-live-payment", Encoding.UTF8.GetString(seed));
            Assert.True((int)response.StatusCode is 200 or 400 or (>= 480 and <= 482), $"{(int)response.StatusCode} for {Encoding.UTF8.GetString(seed)}");
        }
    }
}
