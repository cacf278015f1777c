using System.Buffers;
using Livepeer.Media;
using Livepeer.Media.H264;

namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// H.264 RTP depacketizer (RFC 6184): single NAL unit packets (§5.6), STAP-A (§5.7.1) and FU-A (§5.8), i.e.
/// packetization-mode 0 and 1; STAP-B, MTAP and FU-B (interleaved mode) are dropped. NAL units are grouped into access
/// units by <see cref="H264AccessUnitAssembler"/> (timestamp change, H.264 §7.4.1.2.3 boundaries) and closed by the
/// marker bit. Packets must arrive in sequence order (after a reorder buffer); on a sequence gap the FU-A in progress
/// is dropped (upstream pion does the same) and the access unit is still delivered with the NAL units that arrived.
/// <see cref="H264AccessUnit.Pts"/> is the raw 32-bit RTP timestamp.
/// </summary>
public sealed class H264Depacketizer
{
    /// <summary>Largest NAL unit reassembled from fragments (bounds memory on hostile input).</summary>
    public const int MaxNalUnitSize = 4 * 1024 * 1024;

    private readonly H264AccessUnitAssembler _assembler = new();
    private readonly ArrayBufferWriter<byte> _fragment = new(64 * 1024);
    private readonly List<H264AccessUnit> _completed = [];
    private bool _inFragment;
    private int _expectedSequence = -1;

    /// <summary>Packets whose payload could not be used (unsupported type, truncated, forbidden bit, oversized).</summary>
    public long DroppedPackets { get; private set; }

    /// <summary>FU-A fragments dropped because a packet of the NAL unit was lost.</summary>
    public long DroppedFragments { get; private set; }

    /// <summary>Sequence gaps seen (a lost packet, or a late one that the caller did not reorder).</summary>
    public long SequenceGaps { get; private set; }

    /// <summary>
    /// Adds a packet; returns the access units it completed (usually none or one; valid until the next call).
    /// </summary>
    public IReadOnlyList<H264AccessUnit> Push(RtpPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        _completed.Clear();
        if (_expectedSequence >= 0 && packet.SequenceNumber != _expectedSequence)
        {
            SequenceGaps++;
            DropFragment();
        }

        _expectedSequence = (packet.SequenceNumber + 1) & 0xFFFF;
        var payload = packet.Payload.Span;
        if (payload.IsEmpty)
        {
            return _completed; // e.g. padding-only probes
        }

        var pts = (long)packet.Timestamp;
        var type = payload[0] & 0x1F;
        switch (type)
        {
            case >= 1 and <= 23:
                DropFragment();
                AddNal(payload, pts);
                break;
            case 24:
                DropFragment();
                AddStapA(payload, pts);
                break;
            case 28:
                AddFragment(payload, pts);
                break;
            default:
                DropFragment();
                DroppedPackets++; // 0, 25 STAP-B, 26/27 MTAP, 29 FU-B, 30/31 reserved
                break;
        }

        if (packet.Marker)
        {
            DropFragment(); // a marker inside an unfinished FU-A means its end was lost
            if (_assembler.Flush() is { } au)
            {
                _completed.Add(au);
            }
        }

        return _completed;
    }

    /// <summary>Returns the access unit in progress, if any (end of stream).</summary>
    public H264AccessUnit? Flush()
    {
        DropFragment();
        return _assembler.Flush();
    }

    private void AddStapA(ReadOnlySpan<byte> payload, long pts)
    {
        // STAP-A: header byte, then (16-bit size, NAL unit)* (RFC 6184 §5.7.1).
        var rest = payload[1..];
        while (!rest.IsEmpty)
        {
            if (rest.Length < 2)
            {
                DroppedPackets++;
                return;
            }

            var size = (rest[0] << 8) | rest[1];
            if (size == 0 || size > rest.Length - 2)
            {
                DroppedPackets++;
                return;
            }

            AddNal(rest.Slice(2, size), pts);
            rest = rest[(2 + size)..];
        }
    }

    private void AddFragment(ReadOnlySpan<byte> payload, long pts)
    {
        // FU-A: FU indicator (F, NRI, type 28), FU header (S, E, R, type), fragment (RFC 6184 §5.8).
        if (payload.Length < 2)
        {
            DroppedPackets++;
            return;
        }

        var start = (payload[1] & 0x80) != 0;
        var end = (payload[1] & 0x40) != 0;
        if (start)
        {
            DropFragment();
            _fragment.ResetWrittenCount();
            _fragment.GetSpan(1)[0] = (byte)((payload[0] & 0xE0) | (payload[1] & 0x1F));
            _fragment.Advance(1);
            _inFragment = true;
        }
        else if (!_inFragment)
        {
            DroppedFragments++; // middle or end of a NAL unit whose start was lost
            return;
        }

        if (_fragment.WrittenCount + payload.Length - 2 > MaxNalUnitSize)
        {
            DroppedPackets++;
            _inFragment = false;
            return;
        }

        _fragment.Write(payload[2..]);
        if (end)
        {
            _inFragment = false;
            AddNal(_fragment.WrittenSpan, pts);
        }
    }

    private void DropFragment()
    {
        if (_inFragment)
        {
            _inFragment = false;
            DroppedFragments++;
        }
    }

    private void AddNal(ReadOnlySpan<byte> nal, long pts)
    {
        try
        {
            if (_assembler.Push(nal, pts) is { } au)
            {
                _completed.Add(au);
            }
        }
        catch (MediaFormatException)
        {
            DroppedPackets++; // forbidden_zero_bit set
        }
    }
}
