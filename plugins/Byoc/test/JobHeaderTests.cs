using System.Net;
using System.Text;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.Byoc.Signing;
using Livepeer.Plugins.Byoc.Tests.Fakes;

namespace Livepeer.Plugins.Byoc.Tests;

public sealed class JobHeaderTests
{
    private static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    // The Python SDK's header (clients-and-workers §1.3 step 6), key order id, request, parameters, capability, sender, sig, timeout_seconds.
    private const string SdkJson = """{"id":"2fce","request":"{\"stream_id\":\"2fce\"}","parameters":"{\"enable_video_ingress\":false,\"enable_video_egress\":false,\"enable_data_output\":false}","capability":"text-reversal","sender":"0x1111111111111111111111111111111111111111","sig":"0xab","timeout_seconds":15}""";

    public static TheoryData<string, string> Malformed => new()
    {
        { "", "Missing Livepeer header" },
        { "!!!not base64!!!", "not base64" },
        { B64("not json"), "not valid JSON" },
        { B64("[1,2]"), "not a JSON object" },
        { B64("""{"capability":"x","timeout_seconds":0}"""), "Job timeout not set" },
        { B64("""{"capability":"x"}"""), "Job timeout not set" },
        { B64("""{"capability":"x","timeout_seconds":-1}"""), "timeout_seconds" },
        { B64("""{"capability":"x","timeout_seconds":99999999999}"""), "timeout_seconds" },
        { B64("""{"capability":"x","timeout_seconds":1.5}"""), "timeout_seconds" },
        { B64("""{"capability":"x","timeout_seconds":"15"}"""), "timeout_seconds" },
        { B64("""{"timeout_seconds":15}"""), "no capability" },
        { B64("""{"capability":5,"timeout_seconds":15}"""), "capability is not a string" },
        { B64("""{"capability":"x","timeout_seconds":15} {}"""), "not valid JSON" },
        { B64("""{"capability":"x","timeout_seconds":15"""), "not valid JSON" },
        { new string('A', ByocJobHeader.MaxEncodedLength + 4), "longer than" },
        { B64(new string('[', 5000)), "not" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_headers_are_refused_with_a_message(string header, string message)
    {
        var error = Assert.Throws<ByocJobHeaderException>(() => ByocJobHeader.Parse(header));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sdk_header_reads_and_encodes_back_byte_for_byte()
    {
        var header = ByocJobHeader.Parse(B64(SdkJson));
        Assert.Equal(("2fce", "text-reversal", 15, "2fce"), (header.Id, header.Capability, header.TimeoutSeconds, header.StreamId()));
        Assert.Equal(new ByocStreamFlags(false, false, false), header.StreamFlags());
        Assert.Equal(B64(SdkJson), header.Encode());
    }

    [Fact]
    public void Field_names_match_case_insensitively_and_unknown_keys_are_ignored_as_go_does()
    {
        var header = ByocJobHeader.Parse(B64("""{"ID":"a","Capability":"x","Timeout_Seconds":3,"OrchSearchTimeout":1000000000,"capability_url":"http://x"}"""));
        Assert.Equal(("a", "x", 3), (header.Id, header.Capability, header.TimeoutSeconds));
    }

    [Theory]
    [InlineData("""{"enable_video_ingress":true}""", true, false, false)]
    [InlineData("""{"enable_video_egress":true,"enable_data_output":true}""", false, true, true)]
    [InlineData("{}", false, false, false)]
    public void Stream_flags_come_from_the_signed_parameters(string parameters, bool ingress, bool egress, bool data) =>
        Assert.Equal(new ByocStreamFlags(ingress, egress, data), new ByocJobHeader("i", "{}", parameters, "c", "", "", 1).StreamFlags());

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"enable_video_ingress":"yes"}""")]
    public void Bad_parameters_are_refused(string parameters) =>
        Assert.Throws<ByocJobHeaderException>(() => new ByocJobHeader("i", "{}", parameters, "c", "", "", 1).StreamFlags());

    [Fact]
    public void The_v1_message_is_the_flattened_job()
    {
        var job = new ByocJobHeader("a", "{}", "{}", "b", "", "", 15);
        Assert.Equal(
            "4c505f42594f435f4a4f425f56310000" + "0000000f" + "00000001" + "61" + "00000001" + "62" + "00000002" + "7b7d" + "00000002" + "7b7d",
            Convert.ToHexStringLower(ByocJobSignature.V1Message(job)));
        Assert.Equal("{}{}"u8.ToArray(), ByocJobSignature.V0Message(job));
    }

    [Fact]
    public void V1_and_v0_signatures_by_the_sender_are_accepted_and_anything_else_is_refused()
    {
        var verifier = new FakeVerifier();
        var credentials = new JobCredentials(verifier, requireSignature: true);
        var sender = EthAddress.Parse("0x1111111111111111111111111111111111111111");
        var job = new ByocJobHeader("a", """{"stream_id":"a"}""", "{}", "b", sender.ToString(), "", 15);

        Assert.Equal(sender, credentials.Verify(job with { Signature = verifier.SignHashed(sender, ByocJobSignature.V1Message(job)) }));
        Assert.Equal(sender, credentials.Verify(job with { Signature = verifier.SignHashed(sender, ByocJobSignature.V0Message(job)) }));

        var signed = job with { Signature = verifier.SignHashed(sender, ByocJobSignature.V1Message(job)) };
        Assert.Throws<JobCredentialsException>(() => credentials.Verify(signed with { TimeoutSeconds = 16 })); // tampered
        Assert.Throws<JobCredentialsException>(() => credentials.Verify(signed with { Sender = "0x2222222222222222222222222222222222222222" }));
        Assert.Throws<JobCredentialsException>(() => credentials.Verify(signed with { Signature = "" }));
        Assert.Throws<JobCredentialsException>(() => credentials.Verify(signed with { Signature = "0x" }));
        Assert.Throws<JobCredentialsException>(() => credentials.Verify(signed with { Signature = "0x" + new string('z', 130) }));
        Assert.Throws<JobCredentialsException>(() => credentials.Verify(signed with { Sender = "nobody" }));
        Assert.Throws<JobCredentialsException>(() => new JobCredentials(null, true).Verify(signed));
        Assert.Equal(EthAddress.Zero, new JobCredentials(null, requireSignature: false).Verify(signed with { Sender = "", Signature = "" }));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Over_http_every_malformed_header_is_a_400_on_every_route_and_leaks_nothing(string header, string message)
    {
        await using var server = await ByocTestServer.StartAsync();
        foreach (var path in new[] { "ai/stream/start", "ai/stream/stop", "ai/stream/update", "ai/stream/payment", "process/request/run" })
        {
            using var response = await server.PostAsync(path, header.Length == 0 ? null : header, "{}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        server.AssertNothingLeaks();
    }

    [Fact]
    public async Task A_bad_signature_is_a_400_could_not_verify_job_creds()
    {
        await using var server = await ByocTestServer.StartAsync();
        var forged = ByocJobHeader.Parse(server.Job("echo", "x")) with { Id = "y" };
        using var response = await server.PostAsync("ai/stream/start", forged.Encode(), "{}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Could not verify job creds", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        server.AssertNothingLeaks();
    }

    [Fact]
    public async Task A_header_larger_than_the_server_takes_is_refused_by_kestrel_with_a_4xx()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var response = await server.PostAsync("ai/stream/start", B64(new string('x', 100_000)), "{}");
        Assert.InRange((int)response.StatusCode, 400, 499);
        server.AssertNothingLeaks();
    }

    [Fact]
    public async Task Mutated_headers_never_crash_the_endpoints_nor_leak()
    {
        await using var server = await ByocTestServer.StartAsync();
        var random = new SeededRandomSource(1234);
        var seeds = Malformed.Select(row => (string)row[0]).Append(server.Job("echo", "fz")).Append(server.Job("nope", "fz2")).ToList();
        for (var i = 0; i < 150; i++)
        {
            var seed = seeds[random.NextInt32(seeds.Count)];
            var chars = seed.ToCharArray();
            for (var m = 0; m < 1 + random.NextInt32(4) && chars.Length > 0; m++)
            {
                chars[random.NextInt32(chars.Length)] = (char)(' ' + random.NextInt32(95));
            }

            var path = new[] { "ai/stream/start", "ai/stream/stop", "ai/stream/update", "ai/stream/payment" }[random.NextInt32(4)];
            using var response = await server.PostAsync(path, new string(chars), "{}");
            Assert.True((int)response.StatusCode is 200 or 503 or (>= 400 and < 500 and not 429), $"{path}: {(int)response.StatusCode}");
        }

        foreach (var stream in server.Streams.Snapshot())
        {
            using var _ = await server.PostAsync("ai/stream/stop", server.Job("echo", stream.Id), "{}");
        }

        server.AssertNothingLeaks();
    }
}
