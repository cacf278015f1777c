namespace Livepeer.Plugins.WebhookDiscovery.Tests;

public sealed class DurationSettingTests
{
    [Theory]
    [InlineData("00:01:00", 60)]
    [InlineData("1m", 60)]
    [InlineData("90s", 90)]
    [InlineData("1m30s", 90)]
    [InlineData("1h", 3600)]
    [InlineData("500ms", 0.5)]
    [InlineData("1.5s", 1.5)]
    [InlineData("45", 45)]
    [InlineData(" 2m ", 120)]
    public void Parses(string text, double seconds)
    {
        Assert.True(DurationSetting.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("1x")]
    [InlineData("m")]
    [InlineData("1m30")]
    [InlineData("-5s")]
    [InlineData("1e400")]
    [InlineData("99999999999999999999h")]
    public void Refuses(string? text) => Assert.False(DurationSetting.TryParse(text, out _));
}
