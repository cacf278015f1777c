using System.Security.Cryptography;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Media;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Sdp;
using Livepeer.Plugins.WebRtc.Transport;

namespace Livepeer.Plugins.WebRtc.Sessions.Stack;

/// <summary>
/// A WHEP peer on a transport: the media layer's <see cref="TsToRtpPacketizer"/> (timestamps rebased across source
/// changes) and SRTP sends; what the player sends back (RTCP receiver reports, PLI) is read and dropped.
/// </summary>
internal sealed class WhepPeer : TransportPeer, IWhepPeer
{
    private readonly TsToRtpPacketizer _packetizer;
    private readonly List<OutgoingRtp> _batch = [];
    private readonly Task _drain;

    public WhepPeer(IWebRtcTransport transport, SdpAnswer answer, uint videoSsrc, uint audioSsrc)
        : base(transport, answer)
    {
        _packetizer = new TsToRtpPacketizer(new TsToRtpOptions
        {
            Video = answer.Video is { } video ? new RtpStreamWriter(videoSsrc, (byte)video.Codec.PayloadType, (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue)) : null,
            Audio = answer.Audio is { } audio ? new RtpStreamWriter(audioSsrc, (byte)audio.Codec.PayloadType, (ushort)RandomNumberGenerator.GetInt32(ushort.MaxValue)) : null,
        });
        _packetizer.PacketReady += OnPacket;
        _drain = Task.Run(DrainAsync);
    }

    public bool SendsVideo => Answer.Video is not null;

    public bool SendsAudio => Answer.Audio is not null;

    public IReadOnlyList<OutgoingRtp> Packetize(ReadOnlyMemory<byte> segment)
    {
        _batch.Clear();
        _packetizer.Push(segment.Span);
        _packetizer.Flush();
        return [.. _batch];
    }

    public void StartNewSource() => _packetizer.StartNewSource();

    public async ValueTask SendAsync(OutgoingRtp packet, CancellationToken cancellationToken) =>
        await Transport.SendRtpAsync(packet.Packet, cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync().ConfigureAwait(false);
        await _drain.ConfigureAwait(false);
    }

    private void OnPacket(RtpTrackKind kind, RtpPacket packet)
    {
        var video = kind == RtpTrackKind.Video;
        var last = _batch.Count > 0 ? _batch[^1] : default;
        var startsFrame = !video || last.Kind != TrackKind.Video || last.Packet.IsEmpty || RtpTimestamp(last.Packet.Span) != packet.Timestamp;

        // Both kinds on one 90 kHz clock: audio RTP time × 90000 / 48000 (the packetizer stamps audio PTS × 48000 / 90000).
        var mediaTime = video ? (long)packet.Timestamp : (long)packet.Timestamp * 15 / 8;
        _batch.Add(new OutgoingRtp(video ? TrackKind.Video : TrackKind.Audio, mediaTime, packet.ToArray(), startsFrame));
    }

    private static uint RtpTimestamp(ReadOnlySpan<byte> packet) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);

    private async Task DrainAsync()
    {
        await foreach (var unused in Transport.Received.ReadAllAsync().ConfigureAwait(false))
        {
            // receiver reports and PLI: nothing to do (the output is not re-encoded, keyframes come with segments)
        }
    }
}
