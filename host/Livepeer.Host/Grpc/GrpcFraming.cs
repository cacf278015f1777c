using System.Buffers.Binary;

namespace Livepeer.Host.Grpc;

/// <summary>
/// gRPC length-prefixed messages: 1 byte compressed flag, 4 bytes big-endian length, the message.
/// Only identity encoding is supported, as go-livepeer's peers use.
/// </summary>
internal static class GrpcFraming
{
    public const int HeaderSize = 5;

    /// <summary>Reads the next message; <c>null</c> at a clean end of stream.</summary>
    /// <exception cref="GrpcException">RESOURCE_EXHAUSTED over <paramref name="maxSize"/>; INTERNAL when truncated or compressed.</exception>
    public static async ValueTask<byte[]?> ReadMessageAsync(Stream stream, int maxSize, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderSize];
        var read = await ReadFullyAsync(stream, header, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < HeaderSize)
        {
            throw new GrpcException(GrpcStatusCode.Internal, "truncated gRPC message header");
        }

        if (header[0] > 1)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"invalid gRPC compressed flag {header[0]}");
        }

        if (header[0] == 1)
        {
            throw new GrpcException(GrpcStatusCode.Unimplemented, "compressed gRPC messages are not supported (identity encoding only)");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (length > (uint)maxSize)
        {
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"received message larger than max ({length} vs. {maxSize})");
        }

        var message = new byte[length];
        if (await ReadFullyAsync(stream, message, cancellationToken).ConfigureAwait(false) < message.Length)
        {
            throw new GrpcException(GrpcStatusCode.Internal, "truncated gRPC message");
        }

        return message;
    }

    /// <summary>The framed form of <paramref name="message"/>.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> message)
    {
        var framed = new byte[HeaderSize + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed.AsSpan(HeaderSize));
        return framed;
    }

    private static async ValueTask<int> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
