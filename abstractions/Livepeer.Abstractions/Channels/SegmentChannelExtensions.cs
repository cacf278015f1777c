namespace Livepeer.Abstractions.Channels;

/// <summary>Conveniences over <see cref="ISegmentPublisher"/> and <see cref="IChannelSegment"/>.</summary>
public static class SegmentChannelExtensions
{
    /// <summary>Writes one whole segment and returns its sequence number.</summary>
    public static async ValueTask<long> WriteSegmentAsync(this ISegmentPublisher publisher, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        var writer = await publisher.BeginSegmentAsync(cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            if (!data.IsEmpty)
            {
                await writer.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            }

            return writer.Sequence;
        }
    }

    /// <summary>Reads a segment's whole content, refusing more than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The segment is larger than <paramref name="maxBytes"/>.</exception>
    public static async ValueTask<byte[]> ReadAllAsync(this IChannelSegment segment, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await segment.Content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidDataException($"Segment {segment.Sequence} is larger than {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
