using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Plugins.Hls;

/// <summary>The plugin's settings, read from <c>Plugins:Hls</c>.</summary>
internal sealed record HlsOptions
{
    /// <summary>Segments listed in a live media playlist (the sliding window).</summary>
    public int WindowSize { get; init; } = 6;

    /// <summary>
    /// Segments kept in memory per rendition, at least <see cref="WindowSize"/>: RFC 8216 §6.2.2 wants a segment
    /// that left the playlist to stay available a while longer, so the default keeps a second window.
    /// </summary>
    public int RetainedSegments { get; init; } = 12;

    /// <summary>The most segment bytes one stream may hold in memory, all renditions together; the oldest go first.</summary>
    public long MaxBytesPerStream { get; init; } = 256L * 1024 * 1024;

    /// <summary>How long an ended stream's playlists (with <c>EXT-X-ENDLIST</c>) stay available before they are freed.</summary>
    public TimeSpan EndedRetention { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary><c>-currentManifest</c>: serve the most recently started stream as <c>/stream/current.m3u8</c>.</summary>
    public bool CurrentManifest { get; init; }

    /// <summary>Reads and validates the section; every problem is reported at once.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid.</exception>
    public static HlsOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var errors = new List<string>();
        var defaults = new HlsOptions();
        var window = (int)ReadLong(section, nameof(WindowSize), defaults.WindowSize, 1, 1000, errors);
        var options = new HlsOptions
        {
            WindowSize = window,
            RetainedSegments = (int)ReadLong(section, nameof(RetainedSegments), Math.Max(defaults.RetainedSegments, window * 2), window, 10_000, errors),
            MaxBytesPerStream = ReadLong(section, nameof(MaxBytesPerStream), defaults.MaxBytesPerStream, 1024, long.MaxValue, errors),
            EndedRetention = ReadDuration(section, nameof(EndedRetention), defaults.EndedRetention, errors),
            CurrentManifest = ReadBool(section, nameof(CurrentManifest), defaults.CurrentManifest, errors),
        };

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        return options;
    }

    private static bool ReadBool(IConfiguration section, string key, bool fallback, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"Plugins:Hls:{key} '{text}' is not true or false.");
        return fallback;
    }

    private static long ReadLong(IConfiguration section, string key, long fallback, long min, long max, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"Plugins:Hls:{key} '{text}' is not a whole number from {min} to {max}.");
        return fallback;
    }

    // A duration is a TimeSpan ("00:01:00") or a number of seconds ("60", "0.5").
    private static TimeSpan ReadDuration(IConfiguration section, string key, TimeSpan fallback, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 86_400 * 7)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        errors.Add($"Plugins:Hls:{key} '{text}' is not a positive duration (hh:mm:ss or seconds).");
        return fallback;
    }
}
