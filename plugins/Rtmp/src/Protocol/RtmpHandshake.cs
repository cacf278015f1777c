using System.Buffers;
using System.IO.Pipelines;
using Livepeer.Abstractions;

namespace Livepeer.Plugins.Rtmp.Protocol;

/// <summary>
/// The simple RTMP handshake (Adobe RTMP spec 1.0, §5.2): C0/S0 version 3, C1/S1 time + zero + 1528 random
/// bytes, C2/S2 echoes. The Flash digest variant ffmpeg, OBS and librtmp send in C1 is accepted without being
/// validated; S1's zero field stays 0, which tells those clients not to validate ours.
/// </summary>
internal static class RtmpHandshake
{
    /// <summary>§5.2.3: C1, S1, C2 and S2 are 1536 bytes.</summary>
    public const int PacketLength = 1536;

    /// <summary>§5.2.2: the only plain version; 6 would be RTMPE, which is not supported.</summary>
    public const byte Version = 3;

    /// <summary>Server side: reads C0+C1, sends S0+S1+S2, reads C2.</summary>
    /// <exception cref="RtmpProtocolException">The client sent another version or closed early.</exception>
    public static async ValueTask ServerAsync(IDuplexPipe transport, IRandomSource random, CancellationToken cancellationToken)
    {
        var c0c1 = await ReadExactlyAsync(transport.Input, 1 + PacketLength, cancellationToken).ConfigureAwait(false);
        if (c0c1[0] != Version)
        {
            throw new RtmpProtocolException($"Handshake: version {c0c1[0]} is not {Version}.");
        }

        var reply = new byte[1 + (2 * PacketLength)];
        reply[0] = Version;
        FillPacket(reply.AsSpan(1, PacketLength), random);
        c0c1.AsSpan(1).CopyTo(reply.AsSpan(1 + PacketLength)); // S2 echoes C1 (§5.2.4)
        await transport.Output.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
        _ = await ReadExactlyAsync(transport.Input, PacketLength, cancellationToken).ConfigureAwait(false); // C2, not checked
    }

    /// <summary>Client side: sends C0+C1, reads S0+S1+S2, sends C2.</summary>
    /// <exception cref="RtmpProtocolException">The server answered another version or closed early.</exception>
    public static async ValueTask ClientAsync(IDuplexPipe transport, IRandomSource random, CancellationToken cancellationToken)
    {
        var c0c1 = new byte[1 + PacketLength];
        c0c1[0] = Version;
        FillPacket(c0c1.AsSpan(1), random);
        await transport.Output.WriteAsync(c0c1, cancellationToken).ConfigureAwait(false);
        var s0s1s2 = await ReadExactlyAsync(transport.Input, 1 + (2 * PacketLength), cancellationToken).ConfigureAwait(false);
        if (s0s1s2[0] != Version)
        {
            throw new RtmpProtocolException($"Handshake: server version {s0s1s2[0]} is not {Version}.");
        }

        await transport.Output.WriteAsync(s0s1s2.AsMemory(1, PacketLength), cancellationToken).ConfigureAwait(false); // C2 echoes S1
    }

    private static void FillPacket(Span<byte> packet, IRandomSource random)
    {
        packet[..8].Clear(); // time 0, zero field 0
        random.NextBytes(packet[8..]);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public static async ValueTask<byte[]> ReadExactlyAsync(PipeReader input, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= count)
            {
                var bytes = buffer.Slice(0, count).ToArray();
                input.AdvanceTo(buffer.GetPosition(count));
                return bytes;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(buffer.End);
                throw new RtmpProtocolException($"Handshake: connection closed after {buffer.Length} of {count} bytes.");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
