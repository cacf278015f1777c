using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Media.Amf;

/// <summary>
/// Decodes AMF0 values (AMF0 spec, Adobe 2007). Values map to <see cref="double"/>, <see cref="bool"/>,
/// <see cref="string"/>, <see cref="AmfObject"/>, <see cref="AmfStrictArray"/>, <see cref="AmfDate"/>,
/// <see cref="AmfUndefined"/> and <c>null</c>. Malformed input throws <see cref="MediaFormatException"/>.
/// </summary>
public ref struct Amf0Reader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly ReadOnlySpan<byte> _data;
    private readonly Amf0Limits _limits;
    private int _values;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    public Amf0Reader(ReadOnlySpan<byte> data, Amf0Limits? limits = null)
    {
        _data = data;
        _limits = limits ?? Amf0Limits.Default;
    }

    /// <summary>Bytes consumed so far.</summary>
    public int Position { get; private set; }

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => Position >= _data.Length;

    /// <summary>Decodes every value in <paramref name="data"/> (an RTMP command or a script-data tag body).</summary>
    /// <exception cref="MediaFormatException">The input is not valid AMF0 or exceeds <paramref name="limits"/>.</exception>
    public static IReadOnlyList<object?> ReadAll(ReadOnlySpan<byte> data, Amf0Limits? limits = null)
    {
        var reader = new Amf0Reader(data, limits);
        var values = new List<object?>();
        while (!reader.End)
        {
            values.Add(reader.ReadValue());
        }

        return values;
    }

    /// <summary>Reads one value.</summary>
    /// <exception cref="MediaFormatException">The input is not valid AMF0 or exceeds the limits.</exception>
    public object? ReadValue() => ReadValue(0);

    private object? ReadValue(int depth)
    {
        if (++_values > _limits.MaxValues)
        {
            throw new MediaFormatException($"AMF0: more than {_limits.MaxValues} values.");
        }

        var marker = (Amf0Type)ReadByte();
        switch (marker)
        {
            case Amf0Type.Number:
                return BinaryPrimitives.ReadDoubleBigEndian(Take(8));
            case Amf0Type.Boolean:
                return ReadByte() != 0;
            case Amf0Type.String:
                return ReadUtf8(BinaryPrimitives.ReadUInt16BigEndian(Take(2)));
            case Amf0Type.LongString:
                return ReadUtf8(BinaryPrimitives.ReadUInt32BigEndian(Take(4)));
            case Amf0Type.Null:
                return null;
            case Amf0Type.Undefined:
                return AmfUndefined.Instance;
            case Amf0Type.Object:
                return ReadProperties(new AmfObject(), depth);
            case Amf0Type.EcmaArray:
                _ = Take(4); // §2.10: the count is only a hint; the pairs run to the object-end marker
                return ReadProperties(new AmfObject(isEcmaArray: true), depth);
            case Amf0Type.StrictArray:
                return ReadStrictArray(depth);
            case Amf0Type.Date:
                var milliseconds = BinaryPrimitives.ReadDoubleBigEndian(Take(8));
                return new AmfDate(milliseconds, BinaryPrimitives.ReadInt16BigEndian(Take(2)));
            case Amf0Type.ObjectEnd:
                throw new MediaFormatException($"AMF0: object-end marker outside an object at {Position - 1}.");
            default:
                throw new MediaFormatException($"AMF0: unsupported type marker 0x{(byte)marker:X2} at {Position - 1}.");
        }
    }

    private AmfObject ReadProperties(AmfObject target, int depth)
    {
        CheckDepth(depth);
        while (true)
        {
            var name = ReadUtf8(BinaryPrimitives.ReadUInt16BigEndian(Take(2)));
            if (name.Length == 0 && Peek() == (byte)Amf0Type.ObjectEnd)
            {
                Position++;
                return target;
            }

            target.Add(name, ReadValue(depth + 1));
        }
    }

    private AmfStrictArray ReadStrictArray(int depth)
    {
        CheckDepth(depth);
        var count = BinaryPrimitives.ReadUInt32BigEndian(Take(4));
        if (count > (uint)(_data.Length - Position))
        {
            throw new MediaFormatException($"AMF0: strict array of {count} items in {_data.Length - Position} bytes.");
        }

        var items = new List<object?>((int)count);
        for (var i = 0; i < count; i++)
        {
            items.Add(ReadValue(depth + 1));
        }

        return new AmfStrictArray(items);
    }

    private readonly void CheckDepth(int depth)
    {
        if (depth >= _limits.MaxDepth)
        {
            throw new MediaFormatException($"AMF0: nesting deeper than {_limits.MaxDepth}.");
        }
    }

    private string ReadUtf8(uint length)
    {
        if (length > (uint)(_data.Length - Position))
        {
            throw new MediaFormatException($"AMF0: string of {length} bytes at {Position} runs past the end.");
        }

        return StrictUtf8.GetString(Take((int)length));
    }

    private readonly byte Peek() =>
        Position < _data.Length ? _data[Position] : throw new MediaFormatException("AMF0: truncated object.");

    private byte ReadByte() => Take(1)[0];

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - Position)
        {
            throw new MediaFormatException($"AMF0: needed {count} bytes at {Position}, {_data.Length - Position} left.");
        }

        var span = _data.Slice(Position, count);
        Position += count;
        return span;
    }
}
