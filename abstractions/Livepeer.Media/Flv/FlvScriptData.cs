using Livepeer.Media.Amf;

namespace Livepeer.Media.Flv;

/// <summary>
/// The body of an FLV script-data tag or an RTMP data message (FLV spec v10, E.4.4.1 SCRIPTDATA): an AMF0
/// string name (e.g. <c>onMetaData</c>, or <c>@setDataFrame</c> followed by it) and AMF0 values.
/// </summary>
/// <param name="Name">The first value, the handler name.</param>
/// <param name="Values">The values after the name.</param>
public sealed record FlvScriptData(string Name, IReadOnlyList<object?> Values)
{
    /// <summary>Parses a script-data body.</summary>
    /// <exception cref="MediaFormatException">The body is not AMF0 or does not start with a string.</exception>
    public static FlvScriptData Parse(ReadOnlySpan<byte> data, Amf0Limits? limits = null)
    {
        var values = Amf0Reader.ReadAll(data, limits);
        if (values.Count == 0 || values[0] is not string name)
        {
            throw new MediaFormatException("FLV script data: does not start with an AMF0 string.");
        }

        return new FlvScriptData(name, [.. values.Skip(1)]);
    }

    /// <summary>The encoded body.</summary>
    public byte[] ToArray()
    {
        var all = new object?[Values.Count + 1];
        all[0] = Name;
        for (var i = 0; i < Values.Count; i++)
        {
            all[i + 1] = Values[i];
        }

        return Amf0Writer.Encode(all);
    }
}
