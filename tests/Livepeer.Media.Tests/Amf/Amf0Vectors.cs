using Livepeer.Media.Amf;

namespace Livepeer.Media.Tests.Amf;

/// <summary>AMF0 encodings (AMF0 spec §2) with the value each decodes to; shared by round-trip and fuzz tests.</summary>
public static class Amf0Vectors
{
    /// <summary>Name, wire bytes (hex), and the value as the reader returns it.</summary>
    public static IReadOnlyList<(string Name, string Hex, object? Value)> Valid { get; } =
    [
        ("number zero", "000000000000000000", 0.0),
        ("number 1.5", "003FF8000000000000", 1.5),
        ("number -2", "00C000000000000000", -2.0),
        ("boolean true", "0101", true),
        ("boolean false", "0100", false),
        ("empty string", "020000", ""),
        ("string connect", "020007636F6E6E656374", "connect"),
        ("utf-8 string", "020002C3A9", "é"),
        ("null", "05", null),
        ("undefined", "06", AmfUndefined.Instance),
        ("empty object", "03000009", new AmfObject()),
        ("object app=live", "030003617070020004" + "6C697665" + "000009", new AmfObject().Add("app", "live")),
        ("nested object", "03000161030001620100000009000009", new AmfObject().Add("a", new AmfObject().Add("b", false))),
        ("ecma array", "080000000100086475726174696F6E004000000000000000000009", new AmfObject(isEcmaArray: true).Add("duration", 2.0)),
        ("strict array", "0A00000002003FF000000000000005", new AmfStrictArray([1.0, null])),
        ("date", "0B4276F5E66E8000000000", new AmfDate(1_577_836_800_000)),
        ("connect command", "020007636F6E6E656374003FF0000000000000" + "030003617070020004" + "6C697665" + "000009",
            new object?[] { "connect", 1.0, new AmfObject().Add("app", "live") }),
    ];

    /// <summary>Inputs the reader must refuse with <see cref="MediaFormatException"/>.</summary>
    public static IReadOnlyList<(string Name, string Hex)> Invalid { get; } =
    [
        ("truncated number", "00000000"),
        ("truncated string", "0200056162"),
        ("unknown marker", "11"),
        ("reference", "070001"),
        ("movie clip", "04"),
        ("stray object end", "09"),
        ("unterminated object", "030001610101"),
        ("strict array count lies", "0AFFFFFFFF05"),
        ("long string length lies", "0CFFFFFFFF41"),
        ("object missing end marker", "03000005"),
    ];

    /// <summary>Every valid vector's bytes; several values are concatenated for the "connect command" case.</summary>
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}
