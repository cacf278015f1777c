namespace Livepeer.Media.Amf;

/// <summary>AMF0 type markers (AMF0 spec §2.1).</summary>
public enum Amf0Type : byte
{
    /// <summary>An IEEE-754 double (§2.2).</summary>
    Number = 0x00,

    /// <summary>A boolean byte (§2.3).</summary>
    Boolean = 0x01,

    /// <summary>A UTF-8 string of up to 65535 bytes (§2.4).</summary>
    String = 0x02,

    /// <summary>An anonymous object: name/value pairs up to the object end (§2.5).</summary>
    Object = 0x03,

    /// <summary>Reserved, not supported (§2.6).</summary>
    MovieClip = 0x04,

    /// <summary>Null (§2.7).</summary>
    Null = 0x05,

    /// <summary>Undefined (§2.8).</summary>
    Undefined = 0x06,

    /// <summary>A reference to an earlier complex value (§2.9); not supported.</summary>
    Reference = 0x07,

    /// <summary>An associative array with a count hint (§2.10).</summary>
    EcmaArray = 0x08,

    /// <summary>Ends an object or ECMA array (§2.11).</summary>
    ObjectEnd = 0x09,

    /// <summary>An array of values with a count (§2.12).</summary>
    StrictArray = 0x0A,

    /// <summary>Milliseconds since the epoch and a time zone (§2.13).</summary>
    Date = 0x0B,

    /// <summary>A UTF-8 string of up to 2^32-1 bytes (§2.14).</summary>
    LongString = 0x0C,
}
