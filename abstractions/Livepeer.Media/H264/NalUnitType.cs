namespace Livepeer.Media.H264;

/// <summary>H.264 nal_unit_type values (ITU-T H.264 Table 7-1).</summary>
public enum NalUnitType : byte
{
    /// <summary>Unspecified (0).</summary>
    Unspecified = 0,

    /// <summary>Coded slice of a non-IDR picture.</summary>
    Slice = 1,

    /// <summary>Coded slice data partition A.</summary>
    SliceDataA = 2,

    /// <summary>Coded slice data partition B.</summary>
    SliceDataB = 3,

    /// <summary>Coded slice data partition C.</summary>
    SliceDataC = 4,

    /// <summary>Coded slice of an IDR picture.</summary>
    IdrSlice = 5,

    /// <summary>Supplemental enhancement information.</summary>
    Sei = 6,

    /// <summary>Sequence parameter set.</summary>
    Sps = 7,

    /// <summary>Picture parameter set.</summary>
    Pps = 8,

    /// <summary>Access unit delimiter.</summary>
    AccessUnitDelimiter = 9,

    /// <summary>End of sequence.</summary>
    EndOfSequence = 10,

    /// <summary>End of stream.</summary>
    EndOfStream = 11,

    /// <summary>Filler data.</summary>
    FillerData = 12,

    /// <summary>Sequence parameter set extension.</summary>
    SpsExtension = 13,

    /// <summary>Prefix NAL unit.</summary>
    Prefix = 14,

    /// <summary>Subset sequence parameter set.</summary>
    SubsetSps = 15,

    /// <summary>Coded slice of an auxiliary picture without partitioning.</summary>
    AuxiliarySlice = 19,

    /// <summary>Coded slice extension.</summary>
    SliceExtension = 20,
}
