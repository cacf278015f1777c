using System.Net;
using Livepeer.Plugins.Trickle.Core;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>The sequence vectors: parse, format round trip, and the same vectors on the wire.</summary>
public sealed class SequenceParsingTests
{
    public static TheoryData<string, long?> Vectors => SequenceVectors.Theory();

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Parses_as_the_table_says(string text, long? expected)
    {
        var ok = TrickleSequence.TryParse(text, TrickleSequence.Current, out var value);
        Assert.Equal(expected.HasValue, ok);
        if (expected is { } v)
        {
            Assert.Equal(v, value);
            Assert.True(TrickleSequence.TryParse(TrickleSequence.Format(v), TrickleSequence.Current, out var again));
            Assert.Equal(v, again);
        }
    }

    [Fact]
    public async Task Wire_answers_400_for_every_invalid_vector_and_echoes_valid_ones()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("v");
        (await server.Client.PostAsync(TrickleServer.Path("v", "0"), new ByteArrayContent([1]))).Dispose();
        foreach (var (text, value) in SequenceVectors.All.Where(v => v.Text.Length > 0 && v.Value is not (1 or -1)))
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            HttpResponseMessage response;
            try
            {
                response = await server.Client.GetAsync(TrickleServer.Path("v", Uri.EscapeDataString(text)), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"GET '{text}' hung");
            }

            using var _ = response;
            if (value is null)
            {
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"'{text}' → {(int)response.StatusCode}");
            }
            else
            {
                // 1 and -1 (the write head) would long-poll and are skipped; the others answer at once.
                Assert.Contains((int)response.StatusCode, new[] { 200, 470 });
                Assert.Equal(TrickleSequence.Format(value == -2 ? 0 : value.Value), WireSegmentTests.Header(response, "Lp-Trickle-Seq"));
            }
        }
    }
}
