using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Hosting;
using Xunit;

namespace Livepeer.Abstractions.Tests.Hosting;

public sealed class SettingsReaderTests
{
    private static SettingsReader Reader(params (string Key, string Value)[] values) =>
        new(new InMemoryConfiguration(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))), "Plugins:Test");

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("00:01:00", 60_000)]
    [InlineData("45", 45_000)]
    [InlineData("250us", 0.25)]
    [InlineData(" 2m ", 120_000)]
    [InlineData("1h", 3_600_000)]
    public void Durations_parse_in_every_accepted_form(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("5x")]
    [InlineData("-1s")]
    [InlineData("1e400")]
    [InlineData("1m-2s")]
    [InlineData("-00:00:01")]
    [InlineData("soon")]
    [InlineData("1m30")]
    [InlineData("99999999999999999999h")]
    [InlineData(null)]
    public void Bad_durations_are_refused(string? text) => Assert.False(DurationText.TryParse(text, out _));

    [Fact]
    public void Durations_format_as_go_does() =>
        Assert.Equal(["500ms", "1m30s", "2h", "1h0.5s"], new[] { TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(90), TimeSpan.FromHours(2), TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(500) }.Select(DurationText.Format));

    [Fact]
    public void Values_and_fallbacks_are_read()
    {
        var reader = Reader(("On", "TRUE"), ("Count", "42"), ("Ratio", "0.25"), ("Wait", "3s"), ("Url", "https://h/x"), ("Name", "n"));
        Assert.True(reader.Bool("On", false));
        Assert.Equal(42, reader.Int("Count", 1, 0, 100));
        Assert.Equal(0.25, reader.Double("Ratio", 0, 0, 1));
        Assert.Equal(TimeSpan.FromSeconds(3), reader.Duration("Wait", TimeSpan.Zero));
        Assert.Equal(new Uri("https://h/x"), reader.HttpUrl("Url"));
        Assert.Equal("n", reader.String("Name", "x"));
        Assert.Equal(7, reader.Long("Missing", 7));
        Assert.Null(reader.HttpUrl("Missing"));
        Assert.Empty(reader.Errors);
        reader.ThrowIfInvalid();
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_key()
    {
        var reader = Reader(("On", "maybe"), ("Count", "x"), ("Big", "101"), ("Ratio", "NaN"), ("Wait", "soon"), ("Short", "1ms"), ("Url", "ftp://h"));
        reader.Bool("On", false);
        reader.Int("Count", 1);
        reader.Int("Big", 1, 0, 100);
        reader.Double("Ratio", 0);
        reader.Duration("Wait", TimeSpan.Zero);
        reader.Duration("Short", TimeSpan.FromSeconds(1), min: TimeSpan.FromSeconds(1));
        reader.HttpUrl("Url");
        Assert.Equal(7, reader.Errors.Count);
        Assert.All(reader.Errors, e => Assert.StartsWith("Plugins:Test:", e, StringComparison.Ordinal));
        var error = Assert.Throws<InvalidOperationException>(reader.ThrowIfInvalid);
        Assert.Contains("Plugins:Test:Big must be between 0 and 100, not 101", error.Message, StringComparison.Ordinal);
    }
}
