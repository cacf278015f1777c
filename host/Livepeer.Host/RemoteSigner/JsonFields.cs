using System.Globalization;
using System.Text.Json;

namespace Livepeer.Host.RemoteSigner;

/// <summary>
/// Field access on signer request bodies. Go's JSON decoder matches names case-insensitively and the Python
/// SDK mixes casings (<c>RequestID</c>, <c>manifestID</c>, <c>preloadSeconds</c>), so lookups ignore case.
/// </summary>
internal static class JsonFields
{
    public static JsonElement? Find(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }

    /// <exception cref="SignerRequestException">The field is present but not a string.</exception>
    public static string? String(JsonElement obj, string name) => Find(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new SignerRequestException($"{name} must be a string"),
    };

    /// <exception cref="SignerRequestException">The field is present but not a whole number in [<paramref name="min"/>, <paramref name="max"/>].</exception>
    public static long? Integer(JsonElement obj, string name, long min, long max)
    {
        if (Find(obj, name) is not { } value)
        {
            return null;
        }

        // Python's json writes 15 as 15 and 15.0 as 15.0; a whole float is accepted.
        if (value.ValueKind == JsonValueKind.Number &&
            (value.TryGetInt64(out var whole) || (value.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) < 1e15 && (whole = (long)real) == real)) &&
            whole >= min && whole <= max)
        {
            return whole;
        }

        throw new SignerRequestException(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number between {min} and {max}"));
    }

    /// <exception cref="SignerRequestException">The field is present but not standard base64 text.</exception>
    public static byte[]? Base64(JsonElement obj, string name)
    {
        if (String(obj, name) is not { } text)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new SignerRequestException($"{name} is not base64");
        }
    }
}
