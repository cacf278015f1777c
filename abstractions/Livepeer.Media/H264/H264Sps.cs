using Livepeer.Media.Bits;

namespace Livepeer.Media.H264;

/// <summary>
/// The fields of a sequence parameter set that media plumbing needs (ITU-T H.264 §7.3.2.1.1 seq_parameter_set_data,
/// §E.1.1 vui_parameters up to timing_info).
/// </summary>
public sealed record H264Sps
{
    private static readonly int[] HighProfiles = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135];

    /// <summary>profile_idc (66 Baseline, 77 Main, 100 High, …).</summary>
    public required byte ProfileIdc { get; init; }

    /// <summary>The byte holding constraint_set0..5_flag.</summary>
    public required byte ConstraintFlags { get; init; }

    /// <summary>level_idc (31 = level 3.1).</summary>
    public required byte LevelIdc { get; init; }

    /// <summary>seq_parameter_set_id.</summary>
    public required int Id { get; init; }

    /// <summary>chroma_format_idc (1 = 4:2:0).</summary>
    public required int ChromaFormatIdc { get; init; }

    /// <summary>Luma bit depth.</summary>
    public required int BitDepthLuma { get; init; }

    /// <summary>Chroma bit depth.</summary>
    public required int BitDepthChroma { get; init; }

    /// <summary>log2_max_frame_num_minus4 + 4: the width of frame_num in slice headers.</summary>
    public required int Log2MaxFrameNum { get; init; }

    /// <summary>pic_order_cnt_type.</summary>
    public required int PicOrderCntType { get; init; }

    /// <summary>frame_mbs_only_flag (false: interlaced coding possible).</summary>
    public required bool FrameMbsOnly { get; init; }

    /// <summary>Displayed width in pixels, after frame cropping.</summary>
    public required int Width { get; init; }

    /// <summary>Displayed height in pixels, after frame cropping.</summary>
    public required int Height { get; init; }

    /// <summary>Frames per second from VUI timing info (time_scale / (2 × num_units_in_tick)), when present.</summary>
    public double? FrameRate { get; init; }

    /// <summary>Sample aspect ratio width from VUI, when present.</summary>
    public int? SarWidth { get; init; }

    /// <summary>Sample aspect ratio height from VUI, when present.</summary>
    public int? SarHeight { get; init; }

    /// <summary>The RFC 6381 codecs string, e.g. <c>avc1.64001f</c> (for HLS CODECS= and SDP).</summary>
    public string CodecString => $"avc1.{ProfileIdc:x2}{ConstraintFlags:x2}{LevelIdc:x2}";

    /// <summary>Parses an SPS NAL unit (header byte included, emulation prevention not yet removed).</summary>
    public static H264Sps Parse(ReadOnlySpan<byte> nal)
    {
        if (nal.Length < 4 || NalUnit.GetType(nal) != NalUnitType.Sps)
        {
            throw new MediaFormatException("not an H.264 SPS NAL unit");
        }

        Span<byte> stack = nal.Length <= 512 ? stackalloc byte[nal.Length] : new byte[nal.Length];
        var rbsp = stack[..NalUnit.RemoveEmulationPrevention(nal[1..], stack)];
        return ParseRbsp(rbsp);
    }

    private static H264Sps ParseRbsp(ReadOnlySpan<byte> rbsp)
    {
        var r = new BitReader(rbsp);
        var profile = (byte)r.ReadBits(8);
        var constraints = (byte)r.ReadBits(8);
        var level = (byte)r.ReadBits(8);
        var id = r.ReadUe();
        if (id > 31)
        {
            throw new MediaFormatException($"seq_parameter_set_id {id} out of range");
        }

        uint chroma = 1, depthLuma = 0, depthChroma = 0;
        var separateColourPlane = false;
        if (Array.IndexOf(HighProfiles, profile) >= 0)
        {
            chroma = r.ReadUe();
            if (chroma > 3)
            {
                throw new MediaFormatException($"chroma_format_idc {chroma} out of range");
            }

            if (chroma == 3)
            {
                separateColourPlane = r.ReadBit();
            }

            depthLuma = r.ReadUe();
            depthChroma = r.ReadUe();
            if (depthLuma > 6 || depthChroma > 6)
            {
                throw new MediaFormatException("bit depth out of range");
            }

            r.Skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.ReadBit())
            {
                var lists = chroma != 3 ? 8 : 12;
                for (var i = 0; i < lists; i++)
                {
                    if (r.ReadBit())
                    {
                        SkipScalingList(ref r, i < 6 ? 16 : 64);
                    }
                }
            }
        }

        var log2MaxFrameNum = r.ReadUe() + 4;
        var pocType = r.ReadUe();
        if (log2MaxFrameNum > 16 || pocType > 2)
        {
            throw new MediaFormatException("SPS frame_num/POC fields out of range");
        }

        if (pocType == 0)
        {
            r.ReadUe(); // log2_max_pic_order_cnt_lsb_minus4
        }
        else if (pocType == 1)
        {
            r.Skip(1);
            r.ReadSe();
            r.ReadSe();
            var cycle = r.ReadUe();
            if (cycle > 255)
            {
                throw new MediaFormatException("num_ref_frames_in_pic_order_cnt_cycle out of range");
            }

            for (var i = 0; i < cycle; i++)
            {
                r.ReadSe();
            }
        }

        r.ReadUe(); // max_num_ref_frames
        r.Skip(1); // gaps_in_frame_num_value_allowed_flag
        var widthMbs = r.ReadUe() + 1;
        var heightMapUnits = r.ReadUe() + 1;
        var frameMbsOnly = r.ReadBit();
        if (!frameMbsOnly)
        {
            r.Skip(1);
        }

        r.Skip(1); // direct_8x8_inference_flag
        uint cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (r.ReadBit())
        {
            cropLeft = r.ReadUe();
            cropRight = r.ReadUe();
            cropTop = r.ReadUe();
            cropBottom = r.ReadUe();
        }

        // Frame cropping in units of CropUnitX/CropUnitY (ITU-T H.264 §7.4.2.1.1, equations 7-19..7-22).
        var chromaArrayType = separateColourPlane ? 0u : chroma;
        var cropUnitX = chromaArrayType == 0 ? 1L : (chromaArrayType == 3 ? 1L : 2L);
        var cropUnitY = (chromaArrayType is 0 or 2 or 3 ? 1L : 2L) * (frameMbsOnly ? 1 : 2);
        var width = (widthMbs * 16L) - (cropUnitX * (cropLeft + (long)cropRight));
        var height = ((frameMbsOnly ? 1 : 2) * heightMapUnits * 16L) - (cropUnitY * (cropTop + (long)cropBottom));
        if (widthMbs > 1024 || heightMapUnits > 1024 || width <= 0 || height <= 0)
        {
            throw new MediaFormatException($"SPS picture size {width}x{height} out of range");
        }

        double? frameRate = null;
        int? sarW = null, sarH = null;
        if (r.Remaining > 0 && r.ReadBit())
        {
            ParseVui(ref r, ref frameRate, ref sarW, ref sarH);
        }

        return new H264Sps
        {
            ProfileIdc = profile,
            ConstraintFlags = constraints,
            LevelIdc = level,
            Id = (int)id,
            ChromaFormatIdc = (int)chroma,
            BitDepthLuma = (int)depthLuma + 8,
            BitDepthChroma = (int)depthChroma + 8,
            Log2MaxFrameNum = (int)log2MaxFrameNum,
            PicOrderCntType = (int)pocType,
            FrameMbsOnly = frameMbsOnly,
            Width = (int)width,
            Height = (int)height,
            FrameRate = frameRate,
            SarWidth = sarW,
            SarHeight = sarH,
        };
    }

    private static void ParseVui(ref BitReader r, ref double? frameRate, ref int? sarW, ref int? sarH)
    {
        // A truncated VUI (seen from some encoders) leaves the optional fields unset rather than failing the SPS.
        if (r.Remaining < 1)
        {
            return;
        }

        if (r.ReadBit())
        {
            if (r.Remaining < 8)
            {
                return;
            }

            var idc = r.ReadBits(8);
            if (idc == 255)
            {
                if (r.Remaining < 32)
                {
                    return;
                }

                sarW = (int)r.ReadBits(16);
                sarH = (int)r.ReadBits(16);
            }
        }

        if (r.Remaining < 3 || (r.ReadBit() && !TrySkip(ref r, 1)))
        {
            return;
        }

        if (r.ReadBit())
        {
            if (!TrySkip(ref r, 4) || r.Remaining < 1 || (r.ReadBit() && !TrySkip(ref r, 24)))
            {
                return;
            }
        }

        if (r.Remaining < 1)
        {
            return;
        }

        if (r.ReadBit())
        {
            r.ReadUe();
            r.ReadUe();
        }

        if (r.Remaining >= 65 && r.ReadBit())
        {
            var unitsInTick = r.ReadBits(32);
            var timeScale = r.ReadBits(32);
            if (unitsInTick > 0 && timeScale > 0)
            {
                frameRate = timeScale / (2.0 * unitsInTick);
            }
        }
    }

    private static bool TrySkip(ref BitReader r, int bits)
    {
        if (r.Remaining < bits)
        {
            return false;
        }

        r.Skip(bits);
        return true;
    }

    private static void SkipScalingList(ref BitReader r, int size)
    {
        // scaling_list() (ITU-T H.264 §7.3.2.1.1.1): only delta_scale is coded.
        int last = 8, next = 8;
        for (var j = 0; j < size; j++)
        {
            if (next != 0)
            {
                var delta = r.ReadSe();
                next = (last + delta + 256) % 256;
            }

            last = next == 0 ? last : next;
        }
    }
}
