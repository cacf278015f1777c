using Livepeer.Abstractions.Hosting;
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
        var settings = new SettingsReader(section, "Plugins:Hls");
        var defaults = new HlsOptions();
        var window = settings.Int(nameof(WindowSize), defaults.WindowSize, 1, 1000);
        var options = new HlsOptions
        {
            WindowSize = window,
            RetainedSegments = settings.Int(nameof(RetainedSegments), Math.Max(defaults.RetainedSegments, window * 2), window, 10_000),
            MaxBytesPerStream = settings.Long(nameof(MaxBytesPerStream), defaults.MaxBytesPerStream, 1024),
            EndedRetention = settings.Duration(nameof(EndedRetention), defaults.EndedRetention, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(7)),
            CurrentManifest = settings.Bool(nameof(CurrentManifest), defaults.CurrentManifest),
        };
        settings.ThrowIfInvalid();
        return options;
    }
}
