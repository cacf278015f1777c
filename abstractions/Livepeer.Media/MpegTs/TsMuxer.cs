using System.Buffers;
using System.Buffers.Binary;

namespace Livepeer.Media.MpegTs;

/// <summary>
/// Multiplexes elementary streams into MPEG-TS (ISO/IEC 13818-1): PAT/PMT with CRC-32, PES with PTS/DTS, PCR on the
/// video PID (first track when there is no video), continuity counters, adaptation-field stuffing and the
/// random_access_indicator on keyframes. Frames are written as given (Annex B H.264, ADTS AAC, Opus with control
/// headers — see <see cref="OpusInTs"/>).
/// </summary>
public sealed class TsMuxer
{
    private readonly IBufferWriter<byte> _output;
    private readonly Stream? _stream;
    private readonly ArrayBufferWriter<byte>? _streamBuffer;
    private readonly TsMuxerOptions _options;
    private readonly List<TrackState> _tracks = [];
    private readonly List<TsTrack> _publicTracks = [];
    private byte _patCc;
    private byte _pmtCc;
    private bool _tablesWritten;
    private int _pcrPid = -1;

    /// <summary>Creates a muxer that writes packets to <paramref name="output"/>.</summary>
    public TsMuxer(IBufferWriter<byte> output, TsMuxerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _options = options ?? new TsMuxerOptions();
    }

    /// <summary>Creates a muxer that writes to <paramref name="stream"/>, buffering up to 64 KiB (call <see cref="Flush"/> at the end).</summary>
    public TsMuxer(Stream stream, TsMuxerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _streamBuffer = new ArrayBufferWriter<byte>(80 * 1024);
        _output = _streamBuffer;
        _options = options ?? new TsMuxerOptions();
    }

    /// <summary>The tracks added so far.</summary>
    public IReadOnlyList<TsTrack> Tracks => _publicTracks;

    /// <summary>The PCR PID (first video track, else the first track), or -1 before any track is added.</summary>
    public int PcrPid => _pcrPid;

    /// <summary>Total bytes produced.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Adds an elementary stream before the tables are written; its PID is the next free one.</summary>
    public TsTrack AddTrack(TsCodec codec, int opusChannels = 2)
    {
        if (_tablesWritten)
        {
            throw new InvalidOperationException("tracks must be added before the first PAT/PMT is written");
        }

        if (_tracks.Count >= 16)
        {
            throw new InvalidOperationException("at most 16 tracks per program");
        }

        var (streamType, streamId) = codec switch
        {
            TsCodec.H264 => (TsStreamType.H264, (byte)(0xE0 + _tracks.Count(t => t.Track.IsVideo))),
            TsCodec.H265 => (TsStreamType.H265, (byte)(0xE0 + _tracks.Count(t => t.Track.IsVideo))),
            TsCodec.Aac => (TsStreamType.AacAdts, (byte)(0xC0 + _tracks.Count(t => t.Track.Codec == TsCodec.Aac))),
            TsCodec.Opus => (TsStreamType.PrivateData, (byte)0xBD),
            _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "the muxer writes H.264, H.265, AAC and Opus"),
        };
        var track = new TsTrack(_options.FirstElementaryPid + _tracks.Count, streamType, codec)
        {
            OpusChannels = codec == TsCodec.Opus ? opusChannels : 0,
        };
        _tracks.Add(new TrackState(track, streamId));
        _publicTracks.Add(track);
        if (_pcrPid < 0 || (track.IsVideo && !_tracks.Exists(t => t.Track.Pid == _pcrPid && t.Track.IsVideo)))
        {
            _pcrPid = track.Pid;
        }

        return track;
    }

    /// <summary>Writes a PAT and a PMT (each segment should start with them).</summary>
    public void WriteTables()
    {
        if (_tracks.Count == 0)
        {
            throw new InvalidOperationException("add a track before writing tables");
        }

        _tablesWritten = true;
        Span<byte> section = stackalloc byte[TsPacket.Size];

        // program_association_section (§2.4.4.3).
        var n = BeginSection(section, 0x00, 1);
        BinaryPrimitives.WriteUInt16BigEndian(section[n..], (ushort)_options.ProgramNumber);
        BinaryPrimitives.WriteUInt16BigEndian(section[(n + 2)..], (ushort)(0xE000 | _options.PmtPid));
        WritePsiPacket(TsPacket.PatPid, ref _patCc, section[..EndSection(section, n + 4)]);

        // TS_program_map_section (§2.4.4.8).
        n = BeginSection(section, 0x02, _options.ProgramNumber);
        BinaryPrimitives.WriteUInt16BigEndian(section[n..], (ushort)(0xE000 | _pcrPid));
        BinaryPrimitives.WriteUInt16BigEndian(section[(n + 2)..], 0xF000);
        n += 4;
        foreach (var state in _tracks)
        {
            var track = state.Track;
            section[n] = track.StreamType;
            BinaryPrimitives.WriteUInt16BigEndian(section[(n + 1)..], (ushort)(0xE000 | track.Pid));
            var infoLength = 0;
            if (track.Codec == TsCodec.Opus)
            {
                // registration_descriptor 'Opus' + extension descriptor with the channel count (as ffmpeg/mediacommon).
                ReadOnlySpan<byte> descriptors = [0x05, 0x04, (byte)'O', (byte)'p', (byte)'u', (byte)'s', 0x7F, 0x02, 0x80, (byte)track.OpusChannels];
                descriptors.CopyTo(section[(n + 5)..]);
                infoLength = descriptors.Length;
            }

            BinaryPrimitives.WriteUInt16BigEndian(section[(n + 3)..], (ushort)(0xF000 | infoLength));
            n += 5 + infoLength;
        }

        WritePsiPacket(_options.PmtPid, ref _pmtCc, section[..EndSection(section, n)]);
        AutoFlush();
    }

    /// <summary>
    /// Writes one frame as a PES packet. Timestamps are 90 kHz and may exceed 33 bits (they are written modulo 2^33).
    /// <paramref name="isKeyframe"/> sets the random_access_indicator.
    /// </summary>
    public void WriteFrame(TsTrack track, long pts, long dts, ReadOnlySpan<byte> data, bool isKeyframe)
    {
        ArgumentNullException.ThrowIfNull(track);
        var state = FindTrack(track) ?? throw new ArgumentException("track does not belong to this muxer", nameof(track));
        if (!_tablesWritten)
        {
            WriteTables();
        }

        var isPcrTrack = track.Pid == _pcrPid;
        var writePcr = isPcrTrack && (isKeyframe || state.Frames % Math.Max(1, _options.PcrEveryNthFrame) == 0);
        state.Frames++;
        WritePes(state, pts, dts, data, isKeyframe, writePcr);
        AutoFlush();
    }

    /// <summary>Writes buffered bytes to the stream (no-op for an <see cref="IBufferWriter{T}"/> output).</summary>
    public void Flush()
    {
        if (_stream is not null && _streamBuffer!.WrittenCount > 0)
        {
            _stream.Write(_streamBuffer.WrittenSpan);
            _streamBuffer.ResetWrittenCount();
        }
    }

    private TrackState? FindTrack(TsTrack track)
    {
        foreach (var state in _tracks)
        {
            if (ReferenceEquals(state.Track, track) || state.Track == track)
            {
                return state;
            }
        }

        return null;
    }

    private void AutoFlush()
    {
        if (_stream is not null && _streamBuffer!.WrittenCount >= 64 * 1024)
        {
            Flush();
        }
    }

    private static int BeginSection(Span<byte> section, byte tableId, int tableIdExtension)
    {
        section[0] = tableId;
        BinaryPrimitives.WriteUInt16BigEndian(section[3..], (ushort)tableIdExtension);
        section[5] = 0xC1; // version 0, current_next_indicator 1
        section[6] = 0;
        section[7] = 0;
        return 8;
    }

    private static int EndSection(Span<byte> section, int length)
    {
        var sectionLength = length + 4 - 3;
        section[1] = (byte)(0xB0 | (sectionLength >> 8));
        section[2] = (byte)sectionLength;
        BinaryPrimitives.WriteUInt32BigEndian(section[length..], Crc32Mpeg2.Compute(section[..length]));
        return length + 4;
    }

    private void WritePsiPacket(int pid, ref byte cc, ReadOnlySpan<byte> section)
    {
        if (section.Length > TsPacket.Size - 5)
        {
            throw new InvalidOperationException("PSI section does not fit one packet");
        }

        var packet = _output.GetSpan(TsPacket.Size)[..TsPacket.Size];
        packet[0] = TsPacket.SyncByte;
        packet[1] = (byte)(0x40 | (pid >> 8));
        packet[2] = (byte)pid;
        packet[3] = (byte)(0x10 | cc);
        cc = (byte)((cc + 1) & 0x0F);
        packet[4] = 0; // pointer_field
        section.CopyTo(packet[5..]);
        packet[(5 + section.Length)..].Fill(0xFF);
        _output.Advance(TsPacket.Size);
        BytesWritten += TsPacket.Size;
    }

    private void WritePes(TrackState state, long pts, long dts, ReadOnlySpan<byte> data, bool keyframe, bool writePcr)
    {
        // PES header (§2.4.3.6/7): PTS only when PTS == DTS, as mediacommon and ffmpeg do.
        var hasDts = pts != dts;
        Span<byte> header = stackalloc byte[19];
        header[0] = 0;
        header[1] = 0;
        header[2] = 1;
        header[3] = state.StreamId;
        var optionalLength = hasDts ? 10 : 5;
        var pesLength = 3 + optionalLength + data.Length;
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)(state.Track.IsVideo || pesLength > ushort.MaxValue ? 0 : pesLength));
        header[6] = 0x80;
        header[7] = (byte)(hasDts ? 0xC0 : 0x80);
        header[8] = (byte)optionalLength;
        TsTimestamp.Write(header[9..], hasDts ? 3 : 2, pts);
        if (hasDts)
        {
            TsTimestamp.Write(header[14..], 1, dts);
        }

        header = header[..(9 + optionalLength)];
        var pid = state.Track.Pid;
        var first = true;
        while (first || !header.IsEmpty || !data.IsEmpty)
        {
            var packet = _output.GetSpan(TsPacket.Size)[..TsPacket.Size];
            var remaining = header.Length + data.Length;
            var flags = first ? (byte)((keyframe ? 0x40 : 0) | (writePcr ? 0x10 : 0)) : (byte)0;
            var afBody = flags != 0 ? 1 + (writePcr ? 6 : 0) : 0; // bytes after adaptation_field_length
            var hasAf = afBody > 0;
            var space = TsPacket.Size - 4 - (hasAf ? 1 + afBody : 0);
            if (remaining < space)
            {
                var stuffing = space - remaining;
                if (!hasAf)
                {
                    hasAf = true;
                    stuffing--; // the adaptation_field_length byte itself
                    afBody = stuffing; // flags byte (0) then 0xFF stuffing, or an empty field when 0
                }
                else
                {
                    afBody += stuffing;
                }

                space = remaining;
            }

            packet[0] = TsPacket.SyncByte;
            packet[1] = (byte)((first ? 0x40 : 0) | (pid >> 8));
            packet[2] = (byte)pid;
            packet[3] = (byte)((hasAf ? 0x30 : 0x10) | state.Cc);
            state.Cc = (byte)((state.Cc + 1) & 0x0F);
            var pos = 4;
            if (hasAf)
            {
                packet[pos++] = (byte)afBody;
                var afEnd = pos + afBody;
                if (afBody > 0)
                {
                    packet[pos++] = flags;
                    if ((flags & 0x10) != 0)
                    {
                        WritePcr(packet[pos..], dts - _options.PcrOffset);
                        pos += 6;
                    }

                    packet[pos..afEnd].Fill(0xFF);
                    pos = afEnd;
                }
            }

            var fromHeader = Math.Min(header.Length, space);
            header[..fromHeader].CopyTo(packet[pos..]);
            header = header[fromHeader..];
            pos += fromHeader;
            var fromData = space - fromHeader;
            data[..fromData].CopyTo(packet[pos..]);
            data = data[fromData..];
            _output.Advance(TsPacket.Size);
            BytesWritten += TsPacket.Size;
            first = false;
        }
    }

    private static void WritePcr(Span<byte> field, long pcrBase)
    {
        // program_clock_reference_base (33 bits), 6 reserved bits, extension (9 bits) = 0 (§2.4.3.5).
        var b = pcrBase & (TsPacket.TimestampModulus - 1);
        field[0] = (byte)(b >> 25);
        field[1] = (byte)(b >> 17);
        field[2] = (byte)(b >> 9);
        field[3] = (byte)(b >> 1);
        field[4] = (byte)(((b & 1) << 7) | 0x7E);
        field[5] = 0;
    }

    private sealed class TrackState(TsTrack track, byte streamId)
    {
        public TsTrack Track { get; } = track;

        public byte StreamId { get; } = streamId;

        public byte Cc { get; set; }

        public long Frames { get; set; }
    }
}
