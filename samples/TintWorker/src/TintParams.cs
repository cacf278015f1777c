using System.Globalization;
using System.Text.Json;

namespace Livepeer.Samples.TintWorker;

/// <summary>The chroma both planes of every frame are set to: <c>u</c> and <c>v</c> in 0–255 (128/128 is grayscale).</summary>
internal sealed record TintParams(int U, int V)
{
    public static TintParams Gray { get; } = new(128, 128);

    /// <summary>
    /// Applies <c>u</c>/<c>v</c> from a params object (or a JSON string holding one, as go-livepeer gateways send
    /// <c>params</c>) on top of <paramref name="current"/>; other keys are ignored.
    /// </summary>
    /// <exception cref="FormatException">Not an object, or u/v not whole numbers in 0–255.</exception>
    public static TintParams Apply(TintParams current, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var inner = JsonDocument.Parse(value.GetString()!);
                return Apply(current, inner.RootElement.Clone());
            }
            catch (JsonException e)
            {
                throw new FormatException("params is not JSON", e);
            }
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return current;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("params must be an object");
        }

        return new TintParams(Channel(value, "u", current.U), Channel(value, "v", current.V));
    }

    /// <summary>The ffmpeg filter that sets both chroma planes.</summary>
    public string Filter => string.Create(CultureInfo.InvariantCulture, $"lutyuv=u={U}:v={V}");

    private static int Channel(JsonElement obj, string name, int current)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return current;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= 0 && number <= 255 && number == Math.Floor(number))
        {
            return (int)number;
        }

        throw new FormatException($"{name} must be a whole number from 0 to 255");
    }
}
