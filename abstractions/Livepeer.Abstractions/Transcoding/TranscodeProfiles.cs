namespace Livepeer.Abstractions.Transcoding;

/// <summary>The named presets go-livepeer accepts in <c>-transcodingOptions</c> (from LPMS's preset table).</summary>
public static class TranscodeProfiles
{
    /// <summary>1280×720, 60 fps, 6 Mb/s.</summary>
    public static TranscodeProfile P720p60fps16x9 { get; } = new("P720p60fps16x9", 1280, 720, 6_000_000, 60);

    /// <summary>1280×720, 30 fps, 4 Mb/s.</summary>
    public static TranscodeProfile P720p30fps16x9 { get; } = new("P720p30fps16x9", 1280, 720, 4_000_000, 30);

    /// <summary>1280×720, 25 fps, 3.5 Mb/s.</summary>
    public static TranscodeProfile P720p25fps16x9 { get; } = new("P720p25fps16x9", 1280, 720, 3_500_000, 25);

    /// <summary>960×720, 30 fps, 3.5 Mb/s.</summary>
    public static TranscodeProfile P720p30fps4x3 { get; } = new("P720p30fps4x3", 960, 720, 3_500_000, 30);

    /// <summary>1024×576, 30 fps, 1.5 Mb/s.</summary>
    public static TranscodeProfile P576p30fps16x9 { get; } = new("P576p30fps16x9", 1024, 576, 1_500_000, 30);

    /// <summary>1024×576, 25 fps, 1.5 Mb/s.</summary>
    public static TranscodeProfile P576p25fps16x9 { get; } = new("P576p25fps16x9", 1024, 576, 1_500_000, 25);

    /// <summary>640×360, 30 fps, 1.2 Mb/s.</summary>
    public static TranscodeProfile P360p30fps16x9 { get; } = new("P360p30fps16x9", 640, 360, 1_200_000, 30);

    /// <summary>640×360, 25 fps, 1 Mb/s.</summary>
    public static TranscodeProfile P360p25fps16x9 { get; } = new("P360p25fps16x9", 640, 360, 1_000_000, 25);

    /// <summary>480×360, 30 fps, 1 Mb/s.</summary>
    public static TranscodeProfile P360p30fps4x3 { get; } = new("P360p30fps4x3", 480, 360, 1_000_000, 30);

    /// <summary>426×240, 30 fps, 600 kb/s.</summary>
    public static TranscodeProfile P240p30fps16x9 { get; } = new("P240p30fps16x9", 426, 240, 600_000, 30);

    /// <summary>426×240, 25 fps, 600 kb/s.</summary>
    public static TranscodeProfile P240p25fps16x9 { get; } = new("P240p25fps16x9", 426, 240, 600_000, 25);

    /// <summary>320×240, 30 fps, 600 kb/s.</summary>
    public static TranscodeProfile P240p30fps4x3 { get; } = new("P240p30fps4x3", 320, 240, 600_000, 30);

    /// <summary>256×144, 30 fps, 400 kb/s.</summary>
    public static TranscodeProfile P144p30fps16x9 { get; } = new("P144p30fps16x9", 256, 144, 400_000, 30);

    /// <summary>256×144, 25 fps, 400 kb/s.</summary>
    public static TranscodeProfile P144p25fps16x9 { get; } = new("P144p25fps16x9", 256, 144, 400_000, 25);

    /// <summary>Every preset, by name.</summary>
    public static IReadOnlyDictionary<string, TranscodeProfile> ByName { get; } = new[]
    {
        P720p60fps16x9, P720p30fps16x9, P720p25fps16x9, P720p30fps4x3, P576p30fps16x9, P576p25fps16x9,
        P360p30fps16x9, P360p25fps16x9, P360p30fps4x3, P240p30fps16x9, P240p25fps16x9, P240p30fps4x3,
        P144p30fps16x9, P144p25fps16x9,
    }.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>go-livepeer's default <c>-transcodingOptions</c>.</summary>
    public const string DefaultOptions = "P240p30fps16x9,P360p30fps16x9";

    /// <summary>Parses a comma-separated list of preset names.</summary>
    /// <exception cref="FormatException">An unknown preset name; the message lists the known ones.</exception>
    public static IReadOnlyList<TranscodeProfile> ParseList(string names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = new List<TranscodeProfile>();
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ByName.TryGetValue(name, out var profile))
            {
                throw new FormatException($"Unknown transcoding preset '{name}'. Known presets: {string.Join(", ", ByName.Keys)}.");
            }

            result.Add(profile);
        }

        return result;
    }
}
