using System.Text;
using Livepeer.Plugins.Trickle.Core;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>Random and mutated sequence numbers, paths and header values: no crash, no hang, a 4xx for garbage.</summary>
public sealed class FuzzTests
{
    private const string Alphabet = "0123456789+-_/.%ax \t\u00e9\u0661";

    [Fact]
    public void Parser_never_throws_and_agrees_with_a_reference_on_mutated_vectors()
    {
        var random = new Random(1234);
        for (var i = 0; i < 20_000; i++)
        {
            var text = Mutate(random, SequenceVectors.All[random.Next(SequenceVectors.All.Length)].Text);
            var ok = TrickleSequence.TryParse(text, TrickleSequence.Current, out var value);
            var reference = System.Text.RegularExpressions.Regex.IsMatch(text, "^[+-]?[0-9]+$")
                && System.Numerics.BigInteger.TryParse(text, out var big) && big >= -2 && big < long.MaxValue;
            Assert.True(ok == reference, $"'{text}': parser {ok}, reference {reference}");
            if (ok)
            {
                Assert.Equal(System.Numerics.BigInteger.Parse(text), value);
            }
        }
    }

    [Fact]
    public async Task Server_answers_every_mutated_request_without_5xx_or_hang_and_stays_healthy()
    {
        await using var server = await TrickleServer.StartAsync(new() { ["MaxSegmentBytes"] = "4096" });
        await server.CreateAsync("f");
        var random = new Random(99);
        string[] methods = ["GET", "POST", "DELETE", "PUT"];
        for (var i = 0; i < 300; i++)
        {
            var idx = Mutate(random, SequenceVectors.All[random.Next(SequenceVectors.All.Length)].Text);
            var channel = random.Next(4) == 0 ? Mutate(random, "f") : "f";
            var method = methods[random.Next(methods.Length)];
            var path = "/ai/trickle/" + Uri.EscapeDataString(channel) + (random.Next(5) == 0 ? "" : "/" + Uri.EscapeDataString(idx));
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT")
            {
                request.Content = new ByteArrayContent(new byte[random.Next(0, 6000)]);
            }

            request.Headers.TryAddWithoutValidation("Lp-Trickle-Reset", Ascii(Mutate(random, "1")));
            request.Headers.TryAddWithoutValidation("Expect-Content", Ascii(Mutate(random, "video/MP2T")));
            // A GET may long-poll, so it gets a short leash; anything else must answer, however loaded the machine.
            using var cts = new CancellationTokenSource(method == "GET" ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(15));
            try
            {
                using var response = await server.Client.SendAsync(request, cts.Token);
                Assert.True((int)response.StatusCode < 500, $"{method} {path} → {(int)response.StatusCode}");
                var parsed = TrickleSequence.TryParse(idx, TrickleSequence.Current, out _);
                if (!parsed && channel == "f" && method is "GET" && path.EndsWith("/" + Uri.EscapeDataString(idx), StringComparison.Ordinal) && idx != "next")
                {
                    Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} → {(int)response.StatusCode}");
                }
            }
            catch (OperationCanceledException)
            {
                // Only a valid GET at the write head may long-poll.
                Assert.Equal("GET", method);
                Assert.True(TrickleSequence.TryParse(idx, TrickleSequence.Current, out _), $"{method} {path} hung");
            }
        }

        await server.Channels.CreateChannelAsync("f", "video/MP2T", CancellationToken.None);
        using var health = await server.Client.GetAsync(TrickleServer.Path("f", "next"));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Raw_garbage_request_lines_get_4xx_or_a_closed_connection()
    {
        await using var server = await TrickleServer.StartAsync();
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            await using var raw = await RawHttp.ConnectAsync(server.BaseUri);
            var line = Mutate(random, "GET /ai/trickle/f/0 HTTP/1.1");
            await raw.SendAsync(line + "\r\nHost: t\r\n" + Mutate(random, "Lp-Trickle-Seq: 1") + "\r\n\r\n");
            try
            {
                var (status, _) = await raw.ReadHeadAsync(TimeSpan.FromSeconds(5));
                // 505 and 400 come from Kestrel's parser for a broken request line; ours answer 200/4xx/470.
                Assert.True(status is 0 or 200 or 470 or 505 or (>= 400 and < 500), $"'{line}' → {status}");
            }
            catch (IOException)
            {
                // Kestrel may reset a connection for a malformed request line.
            }
        }
    }

    private static string Ascii(string text) => new([.. text.Select(c => c is >= ' ' and < (char)127 ? c : '?')]);

    private static string Mutate(Random random, string seed)
    {
        var text = new StringBuilder(seed);
        var edits = random.Next(0, 4);
        for (var e = 0; e < edits; e++)
        {
            var op = random.Next(3);
            if (op == 0 || text.Length == 0)
            {
                text.Insert(random.Next(text.Length + 1), Alphabet[random.Next(Alphabet.Length)]);
            }
            else if (op == 1)
            {
                text.Remove(random.Next(text.Length), 1);
            }
            else
            {
                text[random.Next(text.Length)] = Alphabet[random.Next(Alphabet.Length)];
            }
        }

        return text.ToString();
    }
}
