using System.Buffers.Binary;

namespace Livepeer.Plugins.WebRtc.Srtp;

/// <summary>
/// The SRTP and SRTCP cryptographic context of one direction (RFC 3711 §3.2): session keys derived from one master
/// key/salt, per-SSRC rollover counters and replay windows, and the SRTCP index. A transport holds two: one built
/// from the peer's write keys to unprotect, one from its own to protect. Thread-safe (one lock per context).
/// </summary>
public sealed class SrtpContext : IDisposable
{
    /// <summary>The most bytes protecting adds (GCM RTCP: 16-byte tag + 4-byte index word).</summary>
    public const int MaxOverhead = 20;

    /// <summary>Distinct SSRCs tracked per direction; packets of further SSRCs are refused (bounded state).</summary>
    public const int MaxStreams = 64;

    private readonly object _gate = new();
    private readonly SrtpTransform _transform;
    private readonly Dictionary<uint, SrtpReplayWindow> _rtpIn = [];
    private readonly Dictionary<uint, SrtpReplayWindow> _rtcpIn = [];
    private readonly Dictionary<uint, SrtpReplayWindow> _rtpOut = [];
    private uint _rtcpIndex;

    /// <summary>A context for <paramref name="profile"/> from a master key and salt (as DTLS-SRTP exports them).</summary>
    public SrtpContext(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
        : this(profile, SrtpSessionKeys.Derive(profile, masterKey, masterSalt, rtcp: false), SrtpSessionKeys.Derive(profile, masterKey, masterSalt, rtcp: true))
    {
        if (masterKey.Length != SrtpProfiles.MasterKeyLength(profile) || masterSalt.Length != SrtpProfiles.MasterSaltLength(profile))
        {
            _transform.Dispose();
            throw new ArgumentException($"{profile} takes a {SrtpProfiles.MasterKeyLength(profile)}-byte key and a {SrtpProfiles.MasterSaltLength(profile)}-byte salt");
        }
    }

    /// <summary>A context from session keys given directly (test vectors give them so).</summary>
    internal SrtpContext(SrtpProfile profile, SrtpSessionKeys rtp, SrtpSessionKeys rtcp)
    {
        Profile = profile;
        _transform = profile switch
        {
            SrtpProfile.AesCm128HmacSha1_80 => new AesCmHmacSha1Transform(rtp, rtcp),
            SrtpProfile.AeadAes128Gcm => new AesGcmTransform(rtp, rtcp),
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unsupported SRTP profile"),
        };
    }

    /// <summary>The protection profile.</summary>
    public SrtpProfile Profile { get; }

    /// <summary>
    /// Protects a plain RTP packet into <paramref name="output"/> (at least its length + <see cref="MaxOverhead"/>);
    /// returns the SRTP length. The ROC advances when the sequence number wraps (RFC 3711 §3.3.1).
    /// </summary>
    /// <exception cref="ArgumentException">Not an RTP packet, or the output is too small.</exception>
    public int ProtectRtp(ReadOnlySpan<byte> plain, Span<byte> output)
    {
        var headerLength = RtpHeaderLength(plain);
        if (headerLength < 0 || output.Length < plain.Length + _transform.RtpOverhead)
        {
            throw new ArgumentException("not an RTP packet, or the output is too small");
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(plain[8..]);
        var sequence = BinaryPrimitives.ReadUInt16BigEndian(plain[2..]);
        lock (_gate)
        {
            if (!_rtpOut.TryGetValue(ssrc, out var state))
            {
                if (_rtpOut.Count >= MaxStreams)
                {
                    _rtpOut.Clear(); // a sender's SSRCs are the caller's: only a misbehaving caller gets here
                }

                state = new SrtpReplayWindow();
                _rtpOut[ssrc] = state;
            }

            // The sender's own index follows the same §3.3.1 estimate, so a late retransmission keeps its old ROC.
            var index = state.EstimateRtpIndex(sequence);
            index = index == ulong.MaxValue ? sequence : index;
            state.Accept(index);
            _transform.ProtectRtp(plain, headerLength, ssrc, index, output);
        }

        return plain.Length + _transform.RtpOverhead;
    }

    /// <summary>Authenticates, replay-checks and decrypts an SRTP packet into <paramref name="output"/> (at least its length).</summary>
    public SrtpStatus UnprotectRtp(ReadOnlySpan<byte> packet, Span<byte> output, out int length)
    {
        length = 0;
        var headerLength = RtpHeaderLength(packet);
        if (headerLength < 0 || packet.Length - _transform.RtpOverhead < headerLength || output.Length < packet.Length)
        {
            return SrtpStatus.Malformed;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        var sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        lock (_gate)
        {
            if (!Window(_rtpIn, ssrc, out var window))
            {
                return SrtpStatus.TooManyStreams;
            }

            var index = window.EstimateRtpIndex(sequence);
            if (!window.IsFresh(index))
            {
                return SrtpStatus.Replayed;
            }

            if (index == ulong.MaxValue || !_transform.UnprotectRtp(packet, headerLength, ssrc, index, output))
            {
                ForgetIfEmpty(_rtpIn, ssrc, window);
                return SrtpStatus.AuthenticationFailed;
            }

            window.Accept(index);
        }

        length = packet.Length - _transform.RtpOverhead;
        return SrtpStatus.Ok;
    }

    /// <summary>Protects a plain (compound) RTCP packet with the next SRTCP index, E=1 (RFC 3711 §3.4).</summary>
    /// <exception cref="ArgumentException">Shorter than an RTCP header, or the output is too small.</exception>
    public int ProtectRtcp(ReadOnlySpan<byte> plain, Span<byte> output)
    {
        if (plain.Length < 8 || (plain[0] >> 6) != 2 || output.Length < plain.Length + _transform.RtcpOverhead)
        {
            throw new ArgumentException("not an RTCP packet, or the output is too small");
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(plain[4..]);
        lock (_gate)
        {
            var index = _rtcpIndex;
            _rtcpIndex = (_rtcpIndex + 1) & 0x7FFF_FFFF; // §3.4: 31 bits; rekeying before wrap is the DTLS layer's task
            _transform.ProtectRtcp(plain, ssrc, index, output);
        }

        return plain.Length + _transform.RtcpOverhead;
    }

    /// <summary>Authenticates, replay-checks and (when E=1) decrypts an SRTCP packet into <paramref name="output"/>.</summary>
    public SrtpStatus UnprotectRtcp(ReadOnlySpan<byte> packet, Span<byte> output, out int length)
    {
        length = 0;
        if (packet.Length < 8 + _transform.RtcpOverhead || (packet[0] >> 6) != 2 || output.Length < packet.Length)
        {
            return SrtpStatus.Malformed;
        }

        var word = BinaryPrimitives.ReadUInt32BigEndian(packet[_transform.RtcpIndexOffset(packet.Length)..]);
        var index = word & 0x7FFF_FFFFu;
        var encrypted = (word & 0x8000_0000u) != 0;
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        lock (_gate)
        {
            if (!Window(_rtcpIn, ssrc, out var window))
            {
                return SrtpStatus.TooManyStreams;
            }

            if (!window.IsFresh(index))
            {
                return SrtpStatus.Replayed;
            }

            if (!_transform.UnprotectRtcp(packet, ssrc, index, encrypted, output))
            {
                ForgetIfEmpty(_rtcpIn, ssrc, window);
                return SrtpStatus.AuthenticationFailed;
            }

            window.Accept(index);
        }

        length = packet.Length - _transform.RtcpOverhead;
        return SrtpStatus.Ok;
    }

    /// <inheritdoc />
    public void Dispose() => _transform.Dispose();

    /// <summary>The RTP header length (RFC 3550 §5.1: 12 + 4·CC + extension), or −1 when not version 2 or it runs past the packet.</summary>
    internal static int RtpHeaderLength(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 12 || (packet[0] >> 6) != 2)
        {
            return -1;
        }

        var length = 12 + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4)
            {
                return -1;
            }

            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]));
        }

        return length <= packet.Length ? length : -1;
    }

    private static bool Window(Dictionary<uint, SrtpReplayWindow> windows, uint ssrc, out SrtpReplayWindow window)
    {
        if (windows.TryGetValue(ssrc, out window!))
        {
            return true;
        }

        if (windows.Count >= MaxStreams)
        {
            return false;
        }

        window = new SrtpReplayWindow();
        windows[ssrc] = window;
        return true;
    }

    // A forged packet must not pin an SSRC slot: drop a window that never authenticated anything.
    private static void ForgetIfEmpty(Dictionary<uint, SrtpReplayWindow> windows, uint ssrc, SrtpReplayWindow window)
    {
        if (!window.Started)
        {
            windows.Remove(ssrc);
        }
    }
}
