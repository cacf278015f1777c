using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Media.Amf;

/// <summary>
/// Encodes AMF0 values (AMF0 spec, Adobe 2007). Accepts what <see cref="Amf0Reader"/> produces, plus any
/// CLR integer or <see cref="float"/> as a number; strings longer than 65535 UTF-8 bytes become long strings (§2.14).
/// </summary>
public static class Amf0Writer
{
    /// <summary>Encodes <paramref name="values"/> one after the other.</summary>
    /// <exception cref="ArgumentException">A value has no AMF0 form, or a property name is too long.</exception>
    public static byte[] Encode(params ReadOnlySpan<object?> values)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        foreach (var value in values)
        {
            Write(buffer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one value to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">The value has no AMF0 form, or a property name is too long.</exception>
    public static void Write(IBufferWriter<byte> output, object? value)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (value)
        {
            case null:
                WriteMarker(output, Amf0Type.Null);
                break;
            case AmfUndefined:
                WriteMarker(output, Amf0Type.Undefined);
                break;
            case bool b:
                WriteMarker(output, Amf0Type.Boolean);
                WriteByte(output, b ? (byte)1 : (byte)0);
                break;
            case string s:
                WriteString(output, s);
                break;
            case AmfObject o:
                WriteObject(output, o);
                break;
            case AmfStrictArray a:
                WriteMarker(output, Amf0Type.StrictArray);
                BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), (uint)a.Items.Count);
                output.Advance(4);
                foreach (var item in a.Items)
                {
                    Write(output, item);
                }

                break;
            case AmfDate d:
                WriteMarker(output, Amf0Type.Date);
                BinaryPrimitives.WriteDoubleBigEndian(output.GetSpan(8), d.Milliseconds);
                output.Advance(8);
                BinaryPrimitives.WriteInt16BigEndian(output.GetSpan(2), d.TimeZone);
                output.Advance(2);
                break;
            case double or float or int or long or uint or short or ushort or byte or sbyte or ulong or decimal:
                WriteMarker(output, Amf0Type.Number);
                BinaryPrimitives.WriteDoubleBigEndian(output.GetSpan(8), Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                output.Advance(8);
                break;
            default:
                throw new ArgumentException($"{value.GetType()} has no AMF0 encoding.", nameof(value));
        }
    }

    private static void WriteObject(IBufferWriter<byte> output, AmfObject o)
    {
        if (o.IsEcmaArray)
        {
            WriteMarker(output, Amf0Type.EcmaArray);
            BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), (uint)o.Count);
            output.Advance(4);
        }
        else
        {
            WriteMarker(output, Amf0Type.Object);
        }

        foreach (var (name, item) in o.Properties)
        {
            WriteUtf8(output, name, longForm: false);
            Write(output, item);
        }

        // §2.11: an empty name followed by the object-end marker
        var end = output.GetSpan(3);
        end[0] = 0;
        end[1] = 0;
        end[2] = (byte)Amf0Type.ObjectEnd;
        output.Advance(3);
    }

    private static void WriteString(IBufferWriter<byte> output, string s)
    {
        var longForm = Encoding.UTF8.GetByteCount(s) > ushort.MaxValue;
        WriteMarker(output, longForm ? Amf0Type.LongString : Amf0Type.String);
        WriteUtf8(output, s, longForm);
    }

    private static void WriteUtf8(IBufferWriter<byte> output, string s, bool longForm)
    {
        var length = Encoding.UTF8.GetByteCount(s);
        if (!longForm && length > ushort.MaxValue)
        {
            throw new ArgumentException($"An AMF0 property name is limited to {ushort.MaxValue} bytes.", nameof(s));
        }

        var header = longForm ? 4 : 2;
        var span = output.GetSpan(header + length);
        if (longForm)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)length);
        }

        Encoding.UTF8.GetBytes(s, span[header..]);
        output.Advance(header + length);
    }

    private static void WriteMarker(IBufferWriter<byte> output, Amf0Type type) => WriteByte(output, (byte)type);

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
