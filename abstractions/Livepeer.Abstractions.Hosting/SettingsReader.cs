using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Abstractions.Hosting;

/// <summary>
/// Reads a plugin's settings from its configuration section, collecting every problem instead of
/// stopping at the first, so a misconfigured plugin reports all of them at once:
/// <code>
/// var settings = new SettingsReader(context.Configuration, "Plugins:MyPlugin");
/// var options = new MyOptions { Timeout = settings.Duration("Timeout", TimeSpan.FromSeconds(3), min: TimeSpan.Zero) };
/// settings.ThrowIfInvalid();
/// </code>
/// </summary>
public sealed class SettingsReader
{
    private readonly IConfiguration _section;
    private readonly string _path;
    private readonly List<string> _errors = [];

    /// <summary>Reads from <paramref name="section"/>; <paramref name="path"/> (e.g. <c>Plugins:Trickle</c>) names keys in errors.</summary>
    public SettingsReader(IConfiguration section, string path)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(path);
        _section = section;
        _path = path;
    }

    /// <summary>Every problem found so far.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The raw value, or <c>null</c> when unset or empty.</summary>
    public string? Raw(string key) => _section[key] is { Length: > 0 } value ? value : null;

    /// <summary>A string, or <paramref name="fallback"/> when unset.</summary>
    public string String(string key, string fallback) => Raw(key) ?? fallback;

    /// <summary><c>true</c>/<c>false</c> (any case).</summary>
    public bool Bool(string key, bool fallback)
    {
        var text = Raw(key);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        return Fail(key, $"must be true or false, not '{text}'", fallback);
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Long(string key, long fallback, long min = long.MinValue, long max = long.MaxValue)
    {
        var text = Raw(key);
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return Fail(key, $"must be a whole number, not '{text}'", fallback);
        }

        return value < min || value > max ? Fail(key, $"must be between {min} and {max}, not {value}", fallback) : value;
    }

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Int(string key, int fallback, int min = int.MinValue, int max = int.MaxValue) => (int)Long(key, fallback, min, max);

    /// <summary>A number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double Double(string key, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        var text = Raw(key);
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return Fail(key, $"must be a number, not '{text}'", fallback);
        }

        return value < min || value > max ? Fail(key, $"must be between {min} and {max}, not {value}", fallback) : value;
    }

    /// <summary>A duration in any form <see cref="DurationText"/> accepts, at least <paramref name="min"/>.</summary>
    public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan? min = null, TimeSpan? max = null)
    {
        var text = Raw(key);
        if (text is null)
        {
            return fallback;
        }

        if (!DurationText.TryParse(text, out var value))
        {
            return Fail(key, $"must be a duration such as 500ms, 1m30s or 00:01:30, not '{text}'", fallback);
        }

        if (value < (min ?? TimeSpan.Zero) || value > (max ?? TimeSpan.MaxValue))
        {
            return Fail(key, $"must be between {DurationText.Format(min ?? TimeSpan.Zero)} and {(max is { } m ? DurationText.Format(m) : "any")}, not {text}", fallback);
        }

        return value;
    }

    /// <summary>An absolute http(s) URL, or <c>null</c> when unset.</summary>
    public Uri? HttpUrl(string key)
    {
        var text = Raw(key);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        return Fail<Uri?>(key, $"must be an absolute http(s) URL, not '{text}'", null);
    }

    /// <summary>Records a problem found by the caller's own validation.</summary>
    public void AddError(string key, string problem) => _errors.Add($"{_path}:{key} {problem}.");

    /// <summary>Throws one exception listing every problem, when there is any.</summary>
    /// <exception cref="InvalidOperationException">At least one setting was invalid.</exception>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", _errors));
        }
    }

    private T Fail<T>(string key, string problem, T fallback)
    {
        AddError(key, problem);
        return fallback;
    }
}
