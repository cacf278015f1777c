namespace Livepeer.Media.H264;

/// <summary>One H.264 access unit (all NAL units of one picture) in Annex B form.</summary>
/// <param name="Data">The NAL units with four-byte start codes.</param>
/// <param name="Pts">Presentation timestamp as given to the assembler (any clock; 90 kHz in this library).</param>
/// <param name="Dts">Decode timestamp as given to the assembler.</param>
/// <param name="IsKeyframe">Whether the access unit contains an IDR slice.</param>
public sealed record H264AccessUnit(ReadOnlyMemory<byte> Data, long Pts, long Dts, bool IsKeyframe);
