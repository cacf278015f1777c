using System.Buffers;

namespace Livepeer.Media.H264;

/// <summary>
/// Groups NAL units that arrive one by one (RTP, byte streams) into access units. x264 with zerolatency emits
/// several slices per picture, so each VCL NAL unit is not a frame. A new access unit starts (ITU-T H.264 §7.4.1.2.3)
/// at an AUD, SPS, PPS, SEI or types 14–18 after a VCL NAL unit, at a slice with first_mb_in_slice = 0 after a
/// VCL NAL unit, or when the timestamp changes.
/// </summary>
public sealed class H264AccessUnitAssembler
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private bool _hasVcl;
    private bool _hasIdr;
    private bool _open;
    private long _pts;
    private long _dts;

    /// <summary>
    /// Adds one NAL unit (header byte first, no start code). Returns the previous access unit when this NAL unit
    /// starts a new one, else null.
    /// </summary>
    public H264AccessUnit? Push(ReadOnlySpan<byte> nal, long pts, long? dts = null)
    {
        if (nal.IsEmpty)
        {
            return null;
        }

        if ((nal[0] & 0x80) != 0)
        {
            throw new MediaFormatException("H.264 NAL unit with forbidden_zero_bit set");
        }

        var type = NalUnit.GetType(nal);
        H264AccessUnit? completed = null;
        if (_open && StartsNewAccessUnit(type, nal, pts))
        {
            completed = Flush();
        }

        if (!_open)
        {
            _open = true;
            _pts = pts;
            _dts = dts ?? pts;
        }

        AnnexB.Write(_buffer, nal);
        _hasVcl |= NalUnit.IsVcl(type);
        _hasIdr |= type == NalUnitType.IdrSlice;
        return completed;
    }

    /// <summary>Adds every NAL unit of an Annex B buffer; returns the access units completed by it.</summary>
    public IReadOnlyList<H264AccessUnit> PushAnnexB(ReadOnlySpan<byte> annexB, long pts, long? dts = null)
    {
        List<H264AccessUnit>? completed = null;
        foreach (var nal in AnnexB.EnumerateNalUnits(annexB))
        {
            if (Push(nal, pts, dts) is { } au)
            {
                (completed ??= []).Add(au);
            }
        }

        return completed ?? (IReadOnlyList<H264AccessUnit>)[];
    }

    /// <summary>Returns the access unit in progress (if any) and starts afresh.</summary>
    public H264AccessUnit? Flush()
    {
        if (!_open)
        {
            return null;
        }

        var au = new H264AccessUnit(_buffer.WrittenSpan.ToArray(), _pts, _dts, _hasIdr);
        _buffer.ResetWrittenCount();
        _open = _hasVcl = _hasIdr = false;
        return au;
    }

    private bool StartsNewAccessUnit(NalUnitType type, ReadOnlySpan<byte> nal, long pts)
    {
        if (pts != _pts)
        {
            return true;
        }

        if (!_hasVcl)
        {
            return type == NalUnitType.AccessUnitDelimiter;
        }

        return type switch
        {
            NalUnitType.AccessUnitDelimiter or NalUnitType.Sps or NalUnitType.Pps or NalUnitType.Sei => true,
            >= NalUnitType.Prefix and <= (NalUnitType)18 => true,
            _ when NalUnit.IsVcl(type) => NalUnit.IsFirstSliceOfPicture(nal),
            _ => false,
        };
    }
}
