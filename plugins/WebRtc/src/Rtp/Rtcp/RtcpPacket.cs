namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>One RTCP packet of a compound packet (RFC 3550 §6.4–6.6, RFC 4585 §6, RFC 5104 §4.3).</summary>
public abstract record RtcpPacket
{
    /// <summary>The packet type (200 SR, 201 RR, 202 SDES, 203 BYE, 205 RTPFB, 206 PSFB).</summary>
    public abstract byte PacketType { get; }

    /// <summary>The 5-bit count/format field of the header.</summary>
    internal abstract int CountOrFormat { get; }

    /// <summary>Body size in bytes (after the 4-byte header), a multiple of 4.</summary>
    internal abstract int BodySize { get; }

    /// <summary>Writes the body (after the header) into <paramref name="body"/>, which is <see cref="BodySize"/> long.</summary>
    internal abstract void WriteBody(Span<byte> body);
}
