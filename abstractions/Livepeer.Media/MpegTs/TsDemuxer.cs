namespace Livepeer.Media.MpegTs;

/// <summary>
/// Demultiplexes an MPEG-TS byte stream (ISO/IEC 13818-1): finds the first program through PAT/PMT (CRC-checked),
/// raises <see cref="TracksChanged"/> as soon as the PMT is known, reassembles PES packets into <see cref="TsFrame"/>s
/// with unwrapped 90 kHz timestamps, tracks PCR and reports continuity-counter gaps. Feed it chunks of any size.
/// </summary>
public sealed class TsDemuxer
{
    /// <summary>PES payloads larger than this are malformed (bounds memory on hostile input).</summary>
    public const int MaxPesSize = 16 * 1024 * 1024;

    private readonly TsPidState?[] _pids = new TsPidState?[8192];
    private readonly byte[] _partial = new byte[TsPacket.Size];
    private int _partialLength;
    private int _pmtPid = -1;
    private int _pmtVersion = -1;
    private MediaFormatException? _firstError;
    private IReadOnlyList<TsTrack> _tracks = [];

    /// <summary>Raised when a PMT is parsed for the first time or its version changes, before frames of the new tracks.</summary>
    public event Action<IReadOnlyList<TsTrack>>? TracksChanged;

    /// <summary>Raised for each complete PES packet. <see cref="TsFrame.Data"/> is only valid during the call.</summary>
    public event Action<TsFrame>? FrameReceived;

    /// <summary>The tracks of the current PMT (empty until one has been seen).</summary>
    public IReadOnlyList<TsTrack> Tracks => _tracks;

    /// <summary>program_number of the demuxed program (0 until the PAT is seen).</summary>
    public int ProgramNumber { get; private set; }

    /// <summary>PCR_PID from the PMT (-1 until known).</summary>
    public int PcrPid { get; private set; } = -1;

    /// <summary>The last PCR seen on the PCR PID, in 27 MHz ticks (base × 300 + extension), or null.</summary>
    public long? LastPcr { get; private set; }

    /// <summary>Continuity-counter gaps seen (lost packets).</summary>
    public long ContinuityErrors { get; private set; }

    /// <summary>Packets dropped as malformed (bad sync, transport_error_indicator, bad adaptation field, PSI or PES errors).</summary>
    public long MalformedPackets { get; private set; }

    /// <summary>Packets processed.</summary>
    public long Packets { get; private set; }

    /// <summary>
    /// Demuxes a chunk. The whole chunk is always consumed; if any packet in it was malformed it is dropped (with the PES
    /// in progress on its PID) and, once the chunk is done, the first such error is thrown as <see cref="MediaFormatException"/>.
    /// The demuxer stays usable afterwards.
    /// </summary>
    public void Push(ReadOnlySpan<byte> data)
    {
        _firstError = null;
        if (_partialLength > 0)
        {
            var take = Math.Min(TsPacket.Size - _partialLength, data.Length);
            data[..take].CopyTo(_partial.AsSpan(_partialLength));
            _partialLength += take;
            data = data[take..];
            if (_partialLength < TsPacket.Size)
            {
                ThrowPending();
                return;
            }

            _partialLength = 0;
            ProcessPacketSafe(_partial);
        }

        while (data.Length >= TsPacket.Size)
        {
            if (data[0] != TsPacket.SyncByte)
            {
                data = Resync(data);
                continue;
            }

            ProcessPacketSafe(data[..TsPacket.Size]);
            data = data[TsPacket.Size..];
        }

        if (!data.IsEmpty)
        {
            if (data[0] != TsPacket.SyncByte)
            {
                data = Resync(data);
            }

            data.CopyTo(_partial);
            _partialLength = data.Length;
        }

        ThrowPending();
    }

    /// <summary>Emits PES packets still being assembled (video PES usually have no length and end only at the next one).</summary>
    public void Flush()
    {
        _firstError = null;
        foreach (var state in _pids)
        {
            if (state is { Track: not null, Started: true })
            {
                EmitSafe(state);
            }
        }

        ThrowPending();
    }

    private void ThrowPending()
    {
        if (_firstError is { } error)
        {
            _firstError = null;
            throw error;
        }
    }

    private ReadOnlySpan<byte> Resync(ReadOnlySpan<byte> data)
    {
        MalformedPackets++;
        _firstError ??= new MediaFormatException("MPEG-TS sync byte lost");
        var next = data[1..].IndexOf(TsPacket.SyncByte);
        return next < 0 ? default : data[(next + 1)..];
    }

    private void ProcessPacketSafe(ReadOnlySpan<byte> packet)
    {
        Packets++;
        try
        {
            ProcessPacket(packet);
        }
        catch (MediaFormatException ex)
        {
            MalformedPackets++;
            _firstError ??= ex;
            var pid = ((packet[1] & 0x1F) << 8) | packet[2];
            if (_pids[pid] is { } state)
            {
                state.Reset();
            }
        }
    }

    private void ProcessPacket(ReadOnlySpan<byte> packet)
    {
        // Transport packet header (ISO/IEC 13818-1 §2.4.3.2).
        if ((packet[1] & 0x80) != 0)
        {
            throw new MediaFormatException("transport_error_indicator set");
        }

        var unitStart = (packet[1] & 0x40) != 0;
        var pid = ((packet[1] & 0x1F) << 8) | packet[2];
        var control = (packet[3] >> 4) & 3;
        var cc = packet[3] & 0x0F;
        if (control == 0)
        {
            throw new MediaFormatException("adaptation_field_control 00 is reserved");
        }

        if (pid == TsPacket.NullPid)
        {
            return;
        }

        var payloadStart = 4;
        var discontinuityIndicator = false;
        var randomAccess = false;
        if ((control & 2) != 0)
        {
            // Adaptation field (§2.4.3.4): 183 bytes when there is no payload, at most 182 otherwise.
            var length = packet[4];
            if (length > (control == 2 ? 183 : 182))
            {
                throw new MediaFormatException($"adaptation_field_length {length} too large");
            }

            if (length > 0)
            {
                var flags = packet[5];
                discontinuityIndicator = (flags & 0x80) != 0;
                randomAccess = (flags & 0x40) != 0;
                if ((flags & 0x10) != 0 && length >= 7 && pid == PcrPid)
                {
                    var p = packet[6..];
                    var baseValue = ((long)p[0] << 25) | ((long)p[1] << 17) | ((long)p[2] << 9) | ((long)p[3] << 1) | ((long)p[4] >> 7);
                    LastPcr = (baseValue * 300) + (((p[4] & 1) << 8) | p[5]);
                }
            }

            payloadStart = 5 + length;
        }

        var state = _pids[pid];
        if (state is null)
        {
            if (pid != TsPacket.PatPid && pid != _pmtPid)
            {
                return;
            }

            state = _pids[pid] = new TsPidState(null);
        }

        if ((control & 1) == 0)
        {
            return; // no payload: the continuity counter does not advance
        }

        if (state.LastCc >= 0 && !discontinuityIndicator)
        {
            if (cc == state.LastCc)
            {
                return; // a duplicate packet may be sent once (§2.4.3.3)
            }

            if (cc != ((state.LastCc + 1) & 0x0F))
            {
                ContinuityErrors++;
                state.Discontinuity = true;
            }
        }

        state.LastCc = cc;
        var payload = packet[payloadStart..];
        if (pid == TsPacket.PatPid || pid == _pmtPid)
        {
            ProcessPsi(state, pid, unitStart, payload);
        }
        else if (state.Track is not null)
        {
            ProcessPes(state, unitStart, randomAccess, payload);
        }
    }

    private void ProcessPsi(TsPidState state, int pid, bool unitStart, ReadOnlySpan<byte> payload)
    {
        if (unitStart)
        {
            if (payload.IsEmpty || payload[0] >= payload.Length)
            {
                throw new MediaFormatException("PSI pointer_field runs past the packet");
            }

            state.Length = 0;
            state.Started = true;
            payload = payload[(1 + payload[0])..];
        }
        else if (!state.Started)
        {
            return;
        }

        state.Append(payload, 1024 + TsPacket.Size);
        var section = state.Buffer.AsSpan(0, state.Length);
        var total = TsPsi.SectionLength(section);
        if (total < 0 || section.Length < total)
        {
            return;
        }

        if (total > 1024)
        {
            throw new MediaFormatException("PSI section_length over 1021");
        }

        state.Started = false;
        if (section[0] == 0xFF)
        {
            return;
        }

        if (pid == TsPacket.PatPid)
        {
            var (pmtPid, program) = TsPsi.ParsePat(section[..total]);
            ProgramNumber = program;
            if (pmtPid != _pmtPid)
            {
                _pmtPid = pmtPid;
                _pmtVersion = -1;
            }
        }
        else
        {
            var (tracks, pcrPid, version) = TsPsi.ParsePmt(section[..total]);
            if (version != _pmtVersion)
            {
                ApplyPmt(tracks, pcrPid, version);
            }
        }
    }

    private void ApplyPmt(List<TsTrack> tracks, int pcrPid, int version)
    {
        foreach (var track in tracks)
        {
            if (track.Pid is TsPacket.PatPid or TsPacket.NullPid || track.Pid == _pmtPid)
            {
                throw new MediaFormatException($"PMT assigns reserved PID {track.Pid} to an elementary stream");
            }
        }

        for (var i = 0; i < _pids.Length; i++)
        {
            if (_pids[i] is { Track: not null } && !tracks.Exists(t => t.Pid == i))
            {
                _pids[i] = null;
            }
        }

        foreach (var track in tracks)
        {
            if (_pids[track.Pid] is { } existing && existing.Track == track)
            {
                continue;
            }

            _pids[track.Pid] = new TsPidState(track);
        }

        _pmtVersion = version;
        PcrPid = pcrPid;
        _tracks = tracks.AsReadOnly();
        TracksChanged?.Invoke(_tracks);
    }

    private void ProcessPes(TsPidState state, bool unitStart, bool randomAccess, ReadOnlySpan<byte> payload)
    {
        if (unitStart)
        {
            if (state.Started)
            {
                Emit(state);
            }

            state.Started = true;
            state.Length = 0;
            state.RandomAccess = randomAccess;
            state.Discontinuity = false;
        }
        else if (!state.Started)
        {
            return; // joined mid-PES
        }

        state.Append(payload, MaxPesSize);

        // With a PES_packet_length the PES is complete as soon as all bytes are in: emit without waiting (audio latency).
        if (state.Length >= 6)
        {
            var declared = (state.Buffer[4] << 8) | state.Buffer[5];
            if (declared != 0 && state.Length >= 6 + declared)
            {
                Emit(state);
            }
        }
    }

    private void EmitSafe(TsPidState state)
    {
        try
        {
            Emit(state);
        }
        catch (MediaFormatException ex)
        {
            MalformedPackets++;
            _firstError ??= ex;
        }
    }

    private void Emit(TsPidState state)
    {
        state.Started = false;
        var track = state.Track!;
        var pes = state.Buffer.AsSpan(0, state.Length);
        if (pes.Length < 9 || pes[0] != 0 || pes[1] != 0 || pes[2] != 1)
        {
            state.Reset();
            throw new MediaFormatException("PES packet_start_code_prefix missing or header truncated");
        }

        // PES header (§2.4.3.6); stream ids without the optional header (padding, private_stream_2, …) carry no timestamps.
        var streamId = pes[3];
        var declared = (pes[4] << 8) | pes[5];
        var end = declared == 0 ? pes.Length : Math.Min(pes.Length, 6 + declared);
        var start = 6;
        long pts = 0, dts = 0;
        var hasTimestamp = false;
        if (streamId is not (0xBC or 0xBE or 0xBF or 0xF0 or 0xF1 or 0xFF or 0xF2 or 0xF8))
        {
            var flags = pes[7] >> 6;
            var headerLength = pes[8];
            start = 9 + headerLength;
            if (start > end || flags == 1 || (flags >= 2 && headerLength < (flags == 3 ? 10 : 5)))
            {
                state.Reset();
                throw new MediaFormatException("PES header fields run past the header");
            }

            if (flags >= 2)
            {
                hasTimestamp = true;
                var ptsRaw = TsTimestamp.Read(pes[9..]);
                var dtsRaw = flags == 3 ? TsTimestamp.Read(pes[14..]) : ptsRaw;
                var reference = state.HasReference ? state.LastDts : dtsRaw;
                dts = TsTimestamp.Unwrap(dtsRaw, reference);
                pts = TsTimestamp.Unwrap(ptsRaw, dts);
                state.LastDts = dts;
                state.HasReference = true;
            }
        }

        var data = state.Buffer.AsMemory(start, end - start);
        var keyframe = state.RandomAccess || !track.IsVideo || (track.Codec == TsCodec.H264 && TsPidState.ContainsIdr(data.Span));
        var frame = new TsFrame(track, pts, dts, data, keyframe, state.Discontinuity) { HasTimestamp = hasTimestamp };
        state.Discontinuity = false;
        state.Length = 0;
        FrameReceived?.Invoke(frame);
    }
}
