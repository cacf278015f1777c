using System.Buffers;
using System.Buffers.Binary;

namespace Livepeer.Plugins.Rtmp.Protocol;

/// <summary>
/// Reassembles RTMP messages from chunks (Adobe RTMP spec 1.0, §5.3): basic header, the four message-header
/// formats, extended timestamps, and the peer's chunk size. Bounded: a message larger than the limit, too
/// many interleaved chunk streams or a bad header throws <see cref="RtmpProtocolException"/>.
/// </summary>
internal sealed class ChunkReader(int maxMessageLength, int maxChunkStreams = 64)
{
    /// <summary>§5.4.1: the largest chunk size this side accepts (the spec allows 2^31-1; nobody needs that).</summary>
    public const int MaxChunkSize = 1 << 24;

    private readonly Dictionary<uint, State> _streams = [];
    private int _chunkSize = 128;

    /// <summary>The peer's chunk size; §5.4.1: 128 until a Set Chunk Size message.</summary>
    public int ChunkSize
    {
        get => _chunkSize;
        set => _chunkSize = value is >= 1 and <= MaxChunkSize
            ? value
            : throw new RtmpProtocolException($"Chunk size {value} is outside 1..{MaxChunkSize}.");
    }

    /// <summary>§5.4.2: Abort Message discards the partly received message on a chunk stream.</summary>
    public void Abort(uint chunkStreamId)
    {
        if (_streams.TryGetValue(chunkStreamId, out var state))
        {
            state.Buffer = null;
            state.Received = 0;
        }
    }

    /// <summary>Consumes whole chunks from <paramref name="buffer"/> until a message is complete; false when more bytes are needed.</summary>
    public bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out RtmpMessage? message)
    {
        while (true)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (!TryReadChunk(ref reader, out message))
            {
                return false;
            }

            buffer = buffer.Slice(reader.Position);
            if (message is not null)
            {
                return true;
            }
        }
    }

    private bool TryReadChunk(ref SequenceReader<byte> reader, out RtmpMessage? message)
    {
        message = null;

        // §5.3.1.1 basic header: fmt (2 bits) and chunk stream id (6 bits, or 1 or 2 more bytes)
        if (!reader.TryRead(out var first))
        {
            return false;
        }

        var format = first >> 6;
        uint csid = (uint)(first & 0x3F);
        if (csid == 0)
        {
            if (!reader.TryRead(out var b))
            {
                return false;
            }

            csid = 64u + b;
        }
        else if (csid == 1)
        {
            if (!reader.TryRead(out var lo) || !reader.TryRead(out var hi))
            {
                return false;
            }

            csid = 64u + lo + (uint)(hi << 8);
        }

        if (!_streams.TryGetValue(csid, out var state))
        {
            if (format != 0)
            {
                throw new RtmpProtocolException($"Chunk stream {csid} starts with header format {format}, not 0.");
            }

            if (_streams.Count >= maxChunkStreams)
            {
                throw new RtmpProtocolException($"More than {maxChunkStreams} chunk streams.");
            }

            state = new State();
            _streams[csid] = state;
        }

        // §5.3.1.2 message header, by format
        var timestampField = state.TimestampField;
        var length = state.Length;
        var type = state.Type;
        var streamId = state.StreamId;
        if (format <= 2)
        {
            if (!TryReadUInt24(ref reader, out timestampField))
            {
                return false;
            }

            if (format <= 1)
            {
                if (!TryReadUInt24(ref reader, out var len) || !reader.TryRead(out var t))
                {
                    return false;
                }

                length = (int)len;
                type = t;
                if (format == 0)
                {
                    if (!reader.TryReadLittleEndian(out int sid))
                    {
                        return false;
                    }

                    streamId = (uint)sid;
                }
            }
        }

        // §5.3.1.3 extended timestamp; for format 3 it is repeated when the stream's last header used it
        var extended = format <= 2 ? timestampField == 0xFFFFFF : state.Extended;
        var timestampValue = timestampField;
        if (extended)
        {
            if (!reader.TryReadBigEndian(out int ext))
            {
                return false;
            }

            timestampValue = (uint)ext;
        }

        var startsMessage = state.Buffer is null;
        if (!startsMessage && format != 3)
        {
            throw new RtmpProtocolException($"Chunk stream {csid}: header format {format} in the middle of a message.");
        }

        if (length > maxMessageLength)
        {
            throw new RtmpProtocolException($"Message of {length} bytes is larger than the limit of {maxMessageLength}.");
        }

        var received = startsMessage ? 0 : state.Received;
        var take = Math.Min(_chunkSize, length - received);
        if (reader.Remaining < take)
        {
            return false;
        }

        // The chunk is complete: commit the header state.
        state.TimestampField = timestampField;
        state.Length = length;
        state.Type = type;
        state.StreamId = streamId;
        state.Extended = extended;
        if (startsMessage)
        {
            // nginx-rtmp and librtmp semantics: format 0 is absolute; 1 and 2 set the delta; 3 reuses it
            switch (format)
            {
                case 0:
                    state.Timestamp = timestampValue;
                    break;
                case 1 or 2:
                    state.Delta = timestampValue;
                    state.Timestamp += timestampValue;
                    break;
                default:
                    state.Timestamp += state.Delta;
                    break;
            }

            state.Buffer = length == 0 ? [] : new byte[length];
            state.Received = 0;
        }

        reader.TryCopyTo(state.Buffer.AsSpan(state.Received, take));
        reader.Advance(take);
        state.Received += take;
        if (state.Received < state.Length)
        {
            return true;
        }

        message = new RtmpMessage((RtmpMessageType)state.Type, state.Timestamp, state.StreamId, state.Buffer!) { ChunkStreamId = csid };
        state.Buffer = null;
        state.Received = 0;
        return true;
    }

    private static bool TryReadUInt24(ref SequenceReader<byte> reader, out uint value)
    {
        Span<byte> bytes = stackalloc byte[3];
        if (!reader.TryCopyTo(bytes))
        {
            value = 0;
            return false;
        }

        reader.Advance(3);
        value = (uint)((bytes[0] << 16) | (bytes[1] << 8) | bytes[2]);
        return true;
    }

    private sealed class State
    {
        public uint TimestampField { get; set; }

        public uint Timestamp { get; set; }

        public uint Delta { get; set; }

        public int Length { get; set; }

        public byte Type { get; set; }

        public uint StreamId { get; set; }

        public bool Extended { get; set; }

        public byte[]? Buffer { get; set; }

        public int Received { get; set; }
    }
}
