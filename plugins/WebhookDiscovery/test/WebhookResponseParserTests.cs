using System.Text;

namespace Livepeer.Plugins.WebhookDiscovery.Tests;

/// <summary>The body parser alone, one table of vectors (upstream's <c>TestDeserializeWebhookJSON</c> plus Go decoding rules).</summary>
public sealed class WebhookResponseParserTests
{
    public static TheoryData<string, string> Good => new()
    {
        { "[]", "" },
        { "null", "" },
        { " \n[ ]\t", "" },
        { """[{"address":"https://a:1","score":1}]""", "https://a:1|1" },
        { """[{"address":"https://a:1"}]""", "https://a:1|0" },
        { """[{"score":0.5}]""", "|0.5" },
        { """[{}]""", "|0" },
        { """[null]""", "|0" },
        { """[{"address":null,"score":null}]""", "|0" },
        { """[{"Address":"https://a:1","SCORE":2}]""", "https://a:1|2" },
        { """[{"address":"https://a:1","address":"https://b:2"}]""", "https://b:2|0" },
        { """[{"address":"https://a:1","extra":{"deep":[1,{"x":null}]},"score":-1.5}]""", "https://a:1|-1.5" },
        { """[{"address":"not a url"}]""", "not a url|0" },
        { """[{"address":"https://a:1"},{"address":"https://b:2","score":3.25e-1}]""", "https://a:1|0;https://b:2|0.325" },
    };

    public static TheoryData<string, string> Bad => new()
    {
        { "", "not JSON" },
        { "{}", "not an array" },
        { "\"x\"", "not an array" },
        { "[1]", "entry 0 is a JSON number" },
        { """[{"address":"https://a:1"},"b"]""", "entry 1 is a JSON string" },
        { """[{"address":1}]""", "address that is not a string" },
        { """[{"address":{}}]""", "address that is not a string" },
        { """[{"score":"1"}]""", "score that is not a number" },
        { """[{"score":1e39}]""", "score that is not a number" },
        { """[{"score":[]}]""", "score that is not a number" },
        { "[", "not JSON" },
        { "[]x", "not JSON" },
        { "[] []", "not JSON" },
    };

    [Theory]
    [MemberData(nameof(Good))]
    public void ParsesGoodBodies(string body, string expected)
    {
        Assert.True(WebhookResponseParser.TryParse(Encoding.UTF8.GetBytes(body), 100, out var entries, out var error), error);

        Assert.Equal(expected, string.Join(";", entries.Select(e => $"{e.Address}|{e.Score.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
    }

    [Theory]
    [MemberData(nameof(Bad))]
    public void RefusesBadBodiesWithAReason(string body, string reason)
    {
        Assert.False(WebhookResponseParser.TryParse(Encoding.UTF8.GetBytes(body), 100, out var entries, out var error));

        Assert.Empty(entries);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8IsRefused()
    {
        byte[] body = [.. "[{\"address\":\"https://a"u8, 0xDC, .. ":1\"}]"u8];

        Assert.False(WebhookResponseParser.TryParse(body, 100, out _, out var error));
        Assert.Contains("not UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EntryLimitIsInclusive()
    {
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("{}", 10)) + "]");

        Assert.True(WebhookResponseParser.TryParse(body, 10, out _, out _));
        Assert.False(WebhookResponseParser.TryParse(body, 9, out _, out var error));
        Assert.Contains("10 entries, more than the 9 allowed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FuzzedVectorsNeverThrow()
    {
        var random = new Random(7);
        var seeds = Good.Select(row => (string)row[0]).Concat(Bad.Select(row => (string)row[0])).Select(Encoding.UTF8.GetBytes).ToList();

        for (var i = 0; i < 5000; i++)
        {
            var body = (byte[])seeds[random.Next(seeds.Count)].Clone();
            if (body.Length > 0)
            {
                for (var m = random.Next(1, 4); m > 0; m--)
                {
                    body[random.Next(body.Length)] = (byte)random.Next(256);
                }
            }

            var ok = WebhookResponseParser.TryParse(body, 100, out var entries, out var error);
            Assert.True(ok ? error.Length == 0 : entries.Count == 0 && error.Length > 0);
        }
    }
}
