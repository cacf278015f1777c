using Livepeer.Media.H264;

namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// H.264 RTP packetizer for packetization-mode 1 (RFC 6184): NAL units that fit the MTU go as single NAL unit packets
/// (§5.6), larger ones as FU-A (§5.8); SPS and PPS may be aggregated into one STAP-A (§5.7.1). Every NAL unit of an
/// access unit is sent (x264 zerolatency writes several slices per picture — platform finding 9); the last packet of
/// the access unit is the one to carry the marker bit. The last SPS/PPS seen are resent before every IDR that lacks
/// them, so a viewer joining mid-stream can decode from the next IDR. AUD and filler NAL units are not sent (as pion).
/// </summary>
public sealed class H264Packetizer
{
    /// <summary>upstream's <c>outboundMTU</c>: the largest RTP payload produced.</summary>
    public const int DefaultMaxPayloadSize = 1200;

    private readonly int _maxPayload;
    private readonly bool _stapA;
    private byte[]? _sps;
    private byte[]? _pps;

    /// <summary>Creates a packetizer; <paramref name="maxPayloadSize"/> is the largest payload (≥ 64 bytes).</summary>
    public H264Packetizer(int maxPayloadSize = DefaultMaxPayloadSize, bool aggregateParameterSets = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadSize, 64);
        _maxPayload = maxPayloadSize;
        _stapA = aggregateParameterSets;
    }

    /// <summary>
    /// Packetizes one access unit in Annex B form, appending each payload to <paramref name="payloads"/>; returns how
    /// many were added (the last one gets the marker bit).
    /// </summary>
    public int Packetize(ReadOnlySpan<byte> annexB, List<byte[]> payloads)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        var before = payloads.Count;
        var hasSps = false;
        var hasPps = false;
        var hasIdr = false;
        foreach (var nal in AnnexB.EnumerateNalUnits(annexB))
        {
            switch (NalUnit.GetType(nal))
            {
                case NalUnitType.Sps:
                    _sps = nal.ToArray();
                    hasSps = true;
                    break;
                case NalUnitType.Pps:
                    _pps = nal.ToArray();
                    hasPps = true;
                    break;
                case NalUnitType.IdrSlice:
                    hasIdr = true;
                    break;
            }
        }

        var parameterSetsSent = false;
        if (hasIdr && _sps is not null && _pps is not null && (!hasSps || !hasPps))
        {
            AddParameterSets(payloads);
            parameterSetsSent = true;
        }

        var pendingSps = default(byte[]);
        foreach (var nal in AnnexB.EnumerateNalUnits(annexB))
        {
            var type = NalUnit.GetType(nal);
            if (type is NalUnitType.AccessUnitDelimiter or NalUnitType.FillerData || nal.IsEmpty)
            {
                continue;
            }

            if (parameterSetsSent && type is NalUnitType.Sps or NalUnitType.Pps)
            {
                continue;
            }

            if (_stapA && type == NalUnitType.Sps)
            {
                pendingSps = nal.ToArray();
                continue;
            }

            if (pendingSps is not null)
            {
                if (type == NalUnitType.Pps && 1 + 2 + pendingSps.Length + 2 + nal.Length <= _maxPayload)
                {
                    payloads.Add(StapA(pendingSps, nal));
                    pendingSps = null;
                    continue;
                }

                AddNal(pendingSps, payloads);
                pendingSps = null;
            }

            AddNal(nal, payloads);
        }

        if (pendingSps is not null)
        {
            AddNal(pendingSps, payloads);
        }

        return payloads.Count - before;
    }

    private void AddParameterSets(List<byte[]> payloads)
    {
        if (_stapA && 1 + 2 + _sps!.Length + 2 + _pps!.Length <= _maxPayload)
        {
            payloads.Add(StapA(_sps, _pps));
        }
        else
        {
            AddNal(_sps, payloads);
            AddNal(_pps, payloads);
        }
    }

    private static byte[] StapA(ReadOnlySpan<byte> sps, ReadOnlySpan<byte> pps)
    {
        var payload = new byte[1 + 2 + sps.Length + 2 + pps.Length];

        // STAP-A NAL header: F = OR of F bits, NRI = max NRI (RFC 6184 §5.7), type 24.
        payload[0] = (byte)(((sps[0] | pps[0]) & 0x80) | Math.Max(sps[0] & 0x60, pps[0] & 0x60) | 24);
        payload[1] = (byte)(sps.Length >> 8);
        payload[2] = (byte)sps.Length;
        sps.CopyTo(payload.AsSpan(3));
        var pos = 3 + sps.Length;
        payload[pos] = (byte)(pps.Length >> 8);
        payload[pos + 1] = (byte)pps.Length;
        pps.CopyTo(payload.AsSpan(pos + 2));
        return payload;
    }

    private void AddNal(ReadOnlySpan<byte> nal, List<byte[]> payloads)
    {
        if (nal.Length <= _maxPayload)
        {
            payloads.Add(nal.ToArray());
            return;
        }

        // FU-A: indicator keeps F and NRI with type 28; header carries S/E and the original type.
        var indicator = (byte)((nal[0] & 0xE0) | 28);
        var type = (byte)(nal[0] & 0x1F);
        var data = nal[1..];
        var chunk = _maxPayload - 2;
        var first = true;
        while (!data.IsEmpty)
        {
            var take = Math.Min(chunk, data.Length);
            var payload = new byte[2 + take];
            payload[0] = indicator;
            payload[1] = (byte)((first ? 0x80 : 0) | (take == data.Length ? 0x40 : 0) | type);
            data[..take].CopyTo(payload.AsSpan(2));
            payloads.Add(payload);
            data = data[take..];
            first = false;
        }
    }
}
