using Livepeer.Abstractions.Channels;

namespace Livepeer.Plugins.Trickle.Tests.Json;

/// <summary>One table of JSON-over-trickle inputs: used for the reading facts and as seeds of the fuzz test.</summary>
internal static class JsonVectors
{
    /// <summary>Single-document segments: input, the expected compact JSON (null for an empty segment) or the error.</summary>
    public static readonly (string Input, string? Json, SegmentJsonError? Error)[] Documents =
    [
        ("", null, null),
        ("  \r\n\t", null, null),
        ("{\"keep\":\"alive\"}", "{\"keep\":\"alive\"}", null),
        ("{\"text\":\"hello from byoc\"}\n", "{\"text\":\"hello from byoc\"}", null),
        ("{\"queue_event_type\":\"ai_stream_events\",\"event\":{\"type\":\"status\"}}", "{\"queue_event_type\":\"ai_stream_events\",\"event\":{\"type\":\"status\"}}", null),
        ("[1,2,3]", "[1,2,3]", null),
        ("\"s\"", "\"s\"", null),
        ("42", "42", null),
        ("{\"a\":\"\\u00e9\"}", "{\"a\":\"\\u00E9\"}", null),
        ("{\"a\":", null, SegmentJsonError.Truncated),
        ("{\"a\":\"unterminated", null, SegmentJsonError.Truncated),
        ("[1,2", null, SegmentJsonError.Truncated),
        ("{\"a\":1}{\"b\":2}", null, SegmentJsonError.Malformed),
        ("{\"a\":1} x", null, SegmentJsonError.Malformed),
        ("{a:1}", null, SegmentJsonError.Malformed),
        ("nul", null, SegmentJsonError.Truncated),
        ("nulx", null, SegmentJsonError.Malformed),
        ("}", null, SegmentJsonError.Malformed),
        ("\u0000\u0001garbage", null, SegmentJsonError.Malformed),
        (new string('[', 70) + new string(']', 70), null, SegmentJsonError.Malformed),
    ];

    /// <summary>Newline-delimited segments: input, the expected compact lines, or the error.</summary>
    public static readonly (string Input, string[] Lines, SegmentJsonError? Error)[] Lines =
    [
        ("", [], null),
        ("{\"a\":1}\n{\"b\":2}\n", ["{\"a\":1}", "{\"b\":2}"], null),
        ("{\"a\":1}\r\n\r\n{\"b\":2}", ["{\"a\":1}", "{\"b\":2}"], null),
        ("\n\n  \n", [], null),
        ("{\"a\":1}\n{\"b\":", ["{\"a\":1}"], SegmentJsonError.Truncated),
        ("{\"a\":\n1}\n", [], SegmentJsonError.Malformed),
        ("{\"a\":1}\nnot json\n{\"c\":3}\n", ["{\"a\":1}"], SegmentJsonError.Malformed),
    ];
}
