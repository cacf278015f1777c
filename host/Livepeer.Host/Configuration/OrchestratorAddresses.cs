namespace Livepeer.Host.Configuration;

/// <summary>Parses <c>-orchAddr</c> as go-livepeer's <c>parseOrchAddrs</c> does.</summary>
internal static class OrchestratorAddresses
{
    /// <summary>
    /// Comma-split, trimmed; <c>https://</c> prefixed unless the entry starts with <c>http</c>; a missing
    /// host becomes 127.0.0.1 and a missing port 8935.
    /// </summary>
    public static IReadOnlyList<Uri> Parse(string? text, List<string> errors)
    {
        var result = new List<Uri>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var withScheme = entry.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? entry : "https://" + entry;
            if (withScheme.IndexOf("://", StringComparison.Ordinal) != withScheme.LastIndexOf("://", StringComparison.Ordinal) ||
                !Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"-orchAddr entry '{entry}' is not a valid orchestrator address.");
                continue;
            }

            var builder = new UriBuilder(uri);
            if (string.IsNullOrEmpty(builder.Host))
            {
                builder.Host = "127.0.0.1";
            }

            var explicitPort = entry.AsSpan(entry.IndexOf("//", StringComparison.Ordinal) is var s and >= 0 ? s + 2 : 0).Contains(':');
            if (!explicitPort)
            {
                builder.Port = 8935;
            }

            result.Add(builder.Uri);
        }

        return result;
    }
}
