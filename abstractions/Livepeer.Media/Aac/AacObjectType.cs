namespace Livepeer.Media.Aac;

/// <summary>MPEG-4 Audio Object Types used with AAC (ISO/IEC 14496-3 §1.5.1.1 Table 1.1).</summary>
public enum AacObjectType : byte
{
    /// <summary>AAC Main.</summary>
    Main = 1,

    /// <summary>AAC LC (low complexity), the usual one.</summary>
    LowComplexity = 2,

    /// <summary>AAC SSR.</summary>
    Ssr = 3,

    /// <summary>AAC LTP.</summary>
    Ltp = 4,

    /// <summary>SBR (HE-AAC).</summary>
    Sbr = 5,

    /// <summary>Parametric stereo (HE-AACv2).</summary>
    Ps = 29,
}
