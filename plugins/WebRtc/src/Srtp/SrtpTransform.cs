namespace Livepeer.Plugins.WebRtc.Srtp;

/// <summary>
/// One profile's cipher and authentication for one direction's session keys. Layouts:
/// AES-CM (RFC 3711 §3.1, §3.4): RTP <c>header | E(payload) | tag10</c>, RTCP <c>header8 | E(rest) | E·index | tag10</c>;
/// GCM (RFC 7714 §8, §9): RTP <c>header | E(payload) | tag16</c>, RTCP <c>header8 | E(rest) | tag16 | E·index</c>.
/// Not thread-safe: <see cref="SrtpContext"/> serialises calls.
/// </summary>
internal abstract class SrtpTransform : IDisposable
{
    /// <summary>Bytes added to an RTP packet (the tag).</summary>
    public abstract int RtpOverhead { get; }

    /// <summary>Bytes added to an RTCP packet (tag and the 4-byte E·SRTCP-index word).</summary>
    public int RtcpOverhead => RtpOverhead + 4;

    /// <summary>Where the E·SRTCP-index word starts in a protected RTCP packet of <paramref name="length"/> bytes.</summary>
    public abstract int RtcpIndexOffset(int length);

    /// <summary>Writes the protected RTP packet into <paramref name="output"/> (plain length + <see cref="RtpOverhead"/>).</summary>
    public abstract void ProtectRtp(ReadOnlySpan<byte> plain, int headerLength, uint ssrc, ulong index, Span<byte> output);

    /// <summary>Checks and decrypts an SRTP packet into <paramref name="output"/> (packet length − overhead); false when not authentic.</summary>
    public abstract bool UnprotectRtp(ReadOnlySpan<byte> packet, int headerLength, uint ssrc, ulong index, Span<byte> output);

    /// <summary>Writes the protected (E=1) RTCP packet into <paramref name="output"/> (plain length + <see cref="RtcpOverhead"/>).</summary>
    public abstract void ProtectRtcp(ReadOnlySpan<byte> plain, uint ssrc, uint index, Span<byte> output);

    /// <summary>Checks and (when <paramref name="encrypted"/>) decrypts an SRTCP packet into <paramref name="output"/>.</summary>
    public abstract bool UnprotectRtcp(ReadOnlySpan<byte> packet, uint ssrc, uint index, bool encrypted, Span<byte> output);

    /// <inheritdoc />
    public abstract void Dispose();
}
