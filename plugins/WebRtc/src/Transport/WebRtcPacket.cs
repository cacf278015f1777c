namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>One decrypted packet from the peer.</summary>
/// <param name="IsRtcp">True for RTCP (RFC 5761 §4: second byte 192–223 with rtcp-mux), false for RTP.</param>
/// <param name="Data">The plain packet (RTP header and payload, or a compound RTCP packet); the reader owns it.</param>
public readonly record struct WebRtcPacket(bool IsRtcp, ReadOnlyMemory<byte> Data);
