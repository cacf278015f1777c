namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>
/// The one table of <c>{idx}</c> / sequence-header vectors (Go <c>strconv.Atoi</c> semantics plus the
/// plugin's range): used by the parser tests, the wire round trip and as fuzz seeds.
/// </summary>
internal static class SequenceVectors
{
    /// <summary>Text, and the value when valid for a GET (lowest -2), else null.</summary>
    public static readonly (string Text, long? Value)[] All =
    [
        ("0", 0), ("1", 1), ("4", 4), ("5", 5), ("-1", -1), ("-2", -2), ("+7", 7), ("007", 7), ("-0", 0),
        ("9223372036854775806", 9223372036854775806),
        ("9223372036854775807", null), ("9223372036854775808", null), ("-3", null), ("-9223372036854775808", null),
        ("", null), ("+", null), ("-", null), ("--1", null), ("+-1", null), (" 1", null), ("1 ", null), ("1.0", null),
        ("1e3", null), ("0x10", null), ("1_000", null), ("١", null), ("next1", null), ("NaN", null), ("∞", null),
        ("12345678901234567890123", null), ("%31", null),
    ];

    public static TheoryData<string, long?> Theory()
    {
        var data = new TheoryData<string, long?>();
        foreach (var (text, value) in All)
        {
            data.Add(text, value);
        }

        return data;
    }
}
