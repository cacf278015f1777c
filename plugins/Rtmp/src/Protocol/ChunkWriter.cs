using System.Buffers;
using System.Buffers.Binary;

namespace Livepeer.Plugins.Rtmp.Protocol;

/// <summary>
/// Splits RTMP messages into chunks (Adobe RTMP spec 1.0, §5.3): a format-0 header on the first chunk, format 3
/// on the rest, with the extended timestamp repeated on each chunk when it is used (as ffmpeg and nginx-rtmp expect).
/// </summary>
internal sealed class ChunkWriter
{
    private int _chunkSize = 128;

    /// <summary>This side's chunk size; §5.4.1: 128 until this side sends Set Chunk Size.</summary>
    public int ChunkSize
    {
        get => _chunkSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, ChunkReader.MaxChunkSize);
            _chunkSize = value;
        }
    }

    /// <summary>Writes <paramref name="message"/> on its <see cref="RtmpMessage.ChunkStreamId"/>.</summary>
    public void Write(IBufferWriter<byte> output, RtmpMessage message)
    {
        var csid = message.ChunkStreamId;
        if (csid is < 2 or > 65599)
        {
            throw new ArgumentOutOfRangeException(nameof(message), csid, "Chunk stream ids are 2..65599.");
        }

        var payload = message.Payload.Span;
        var extended = message.Timestamp >= 0xFFFFFF;
        var offset = 0;
        var format = 0;
        do
        {
            WriteBasicHeader(output, format, csid);
            if (format == 0)
            {
                var header = output.GetSpan(11);
                WriteUInt24(header, extended ? 0xFFFFFF : message.Timestamp);
                WriteUInt24(header[3..], (uint)payload.Length);
                header[6] = (byte)message.Type;
                BinaryPrimitives.WriteUInt32LittleEndian(header[7..], message.StreamId); // §5.3.1.2.1: little endian
                output.Advance(11);
            }

            if (extended)
            {
                BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), message.Timestamp);
                output.Advance(4);
            }

            var take = Math.Min(_chunkSize, payload.Length - offset);
            output.Write(payload.Slice(offset, take));
            offset += take;
            format = 3;
        }
        while (offset < payload.Length);
    }

    private static void WriteBasicHeader(IBufferWriter<byte> output, int format, uint csid)
    {
        var span = output.GetSpan(3);
        if (csid < 64)
        {
            span[0] = (byte)((format << 6) | (int)csid);
            output.Advance(1);
        }
        else if (csid < 320)
        {
            span[0] = (byte)(format << 6);
            span[1] = (byte)(csid - 64);
            output.Advance(2);
        }
        else
        {
            span[0] = (byte)((format << 6) | 1);
            span[1] = (byte)((csid - 64) & 0xFF);
            span[2] = (byte)((csid - 64) >> 8);
            output.Advance(3);
        }
    }

    private static void WriteUInt24(Span<byte> span, uint value)
    {
        span[0] = (byte)(value >> 16);
        span[1] = (byte)(value >> 8);
        span[2] = (byte)value;
    }
}
