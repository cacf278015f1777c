using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Livepeer.Abstractions.Channels;

/// <summary>
/// JSON over segment channels, as go-livepeer and the Python SDKs use trickle: control and events carry
/// one JSON document per segment, data channels newline-delimited JSON (one record per line). Readers
/// never hold more than the limit (1 MiB per message by default) and refuse bad input with a
/// <see cref="SegmentJsonException"/>.
/// </summary>
public static class SegmentChannelJson
{
    /// <summary>The default limit of one message or line (the Python SDK's events reader reads at most 1 MiB).</summary>
    public const int DefaultMaxMessageBytes = 1024 * 1024;

    private const int FirstBufferBytes = 4 * 1024;
    private const int MaxDepth = 64;

    /// <summary>Writes <paramref name="value"/> as one JSON document in a segment of its own; returns its sequence number.</summary>
    public static ValueTask<long> WriteJsonSegmentAsync<T>(this ISegmentPublisher publisher, T value, CancellationToken cancellationToken, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        return publisher.WriteSegmentAsync(Serialize(value, options, newline: false), cancellationToken);
    }

    /// <summary>Appends <paramref name="value"/> as one line of newline-delimited JSON (compact, ending in <c>\n</c>) in a single write.</summary>
    public static ValueTask WriteJsonLineAsync<T>(this ISegmentWriter writer, T value, CancellationToken cancellationToken, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteAsync(Serialize(value, options, newline: true), cancellationToken);
    }

    /// <summary>
    /// Reads a segment holding one JSON document. Returns <c>null</c> for an empty (or all-whitespace)
    /// segment, which the Python SDK's readers skip.
    /// </summary>
    /// <exception cref="SegmentJsonException">Larger than <paramref name="maxBytes"/>, malformed, or cut short.</exception>
    public static ValueTask<JsonElement?> ReadJsonAsync(this IChannelSegment segment, CancellationToken cancellationToken, int maxBytes = DefaultMaxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return ReadJsonAsync(segment.Content, cancellationToken, maxBytes);
    }

    /// <summary>Reads one JSON document from <paramref name="stream"/> to its end; see <see cref="ReadJsonAsync(IChannelSegment, CancellationToken, int)"/>.</summary>
    /// <exception cref="SegmentJsonException">Larger than <paramref name="maxBytes"/>, malformed, or cut short.</exception>
    public static async ValueTask<JsonElement?> ReadJsonAsync(Stream stream, CancellationToken cancellationToken, int maxBytes = DefaultMaxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(FirstBufferBytes, maxBytes + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length, maxBytes + 1);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    throw new SegmentJsonException(SegmentJsonError.TooLarge, $"The JSON message is larger than {maxBytes} bytes.");
                }
            }

            return Parse(buffer.AsSpan(0, length), endOfInput: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads a segment of newline-delimited JSON, one element per line as each line completes; blank lines
    /// are skipped, a trailing <c>\r</c> is dropped (Go's <c>bufio.ScanLines</c>), and a last line without
    /// <c>\n</c> counts.
    /// </summary>
    /// <exception cref="SegmentJsonException">A line is larger than <paramref name="maxLineBytes"/>, malformed, or cut short.</exception>
    public static IAsyncEnumerable<JsonElement> ReadJsonLinesAsync(this IChannelSegment segment, CancellationToken cancellationToken, int maxLineBytes = DefaultMaxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return ReadJsonLinesAsync(segment.Content, cancellationToken, maxLineBytes);
    }

    /// <summary>Reads newline-delimited JSON from <paramref name="stream"/>; see <see cref="ReadJsonLinesAsync(IChannelSegment, CancellationToken, int)"/>.</summary>
    /// <exception cref="SegmentJsonException">A line is larger than <paramref name="maxLineBytes"/>, malformed, or cut short.</exception>
    public static IAsyncEnumerable<JsonElement> ReadJsonLinesAsync(Stream stream, CancellationToken cancellationToken, int maxLineBytes = DefaultMaxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLineBytes);
        return ReadLinesAsync(stream, maxLineBytes, cancellationToken);
    }

    private static async IAsyncEnumerable<JsonElement> ReadLinesAsync(Stream stream, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The buffer holds at most one partial line (≤ maxLineBytes) plus what one read returns.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(FirstBufferBytes, maxLineBytes + 1));
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var line = buffer.AsMemory(start, newline);
                    start += newline + 1;
                    if (line.Length > maxLineBytes)
                    {
                        throw TooLargeLine(maxLineBytes);
                    }

                    if (ParseLine(line.Span, endOfInput: false) is { } element)
                    {
                        yield return element;
                    }

                    continue;
                }

                if (end - start > maxLineBytes)
                {
                    throw TooLargeLine(maxLineBytes);
                }

                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    buffer = Grow(buffer, end, maxLineBytes + 1);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (end - start > maxLineBytes)
                    {
                        throw TooLargeLine(maxLineBytes);
                    }

                    if (ParseLine(buffer.AsSpan(start, end - start), endOfInput: true) is { } last)
                    {
                        yield return last;
                    }

                    yield break;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonElement? ParseLine(ReadOnlySpan<byte> line, bool endOfInput)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return Parse(line, endOfInput);
    }

    // Parses one whole document; a document that is a valid prefix of JSON was cut short (Truncated) only when
    // the input ended there, otherwise (a complete line) it is Malformed.
    private static JsonElement? Parse(ReadOnlySpan<byte> utf8, bool endOfInput)
    {
        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            var element = JsonElement.ParseValue(ref reader);
            if (!utf8[(int)reader.BytesConsumed..].Trim(" \t\r\n"u8).IsEmpty)
            {
                throw new SegmentJsonException(SegmentJsonError.Malformed, "The JSON message is followed by more data.");
            }

            return element;
        }
        catch (JsonException e)
        {
            var error = endOfInput && IsValidPrefix(utf8) ? SegmentJsonError.Truncated : SegmentJsonError.Malformed;
            throw new SegmentJsonException(error, error == SegmentJsonError.Truncated ? "The JSON message was cut short." : $"The JSON message is malformed: {e.Message}", e);
        }
    }

    private static bool IsValidPrefix(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth }));
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[] Grow(byte[] buffer, int used, int limit)
    {
        var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Math.Max(limit, buffer.Length + 1)));
        buffer.AsSpan(0, used).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        return grown;
    }

    private static SegmentJsonException TooLargeLine(int maxLineBytes) =>
        new(SegmentJsonError.TooLarge, $"A JSON line is larger than {maxLineBytes} bytes.");

    private static byte[] Serialize<T>(T value, JsonSerializerOptions? options, bool newline)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            JsonSerializer.Serialize(writer, value, options);
        }

        if (newline)
        {
            output.Write("\n"u8);
        }

        return output.WrittenSpan.ToArray();
    }
}
