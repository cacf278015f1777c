using System.Numerics;
using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Plugins.Byoc.Registry;

/// <summary>
/// A worker's registration body (go-livepeer <c>core.ExternalCapability</c>):
/// <c>{name, url, capacity, price_per_unit, price_scaling, currency?, description?, token?}</c>. The price of a
/// second of compute is <c>price_per_unit / price_scaling</c> wei (scaling 0 means 1; currency <c>eth</c> is
/// ×10^18; pytrickle registrars send no currency).
/// </summary>
internal sealed record RegistrationRequest(ByocCapabilityInfo Info, Uri Url, string? Token)
{
    public const int MaxNameLength = 128;
    public const int MaxCapacity = 100_000;

    /// <exception cref="FormatException">What is wrong with the body, for the registrar.</exception>
    public static RegistrationRequest Parse(string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new FormatException("the body is not JSON: " + e.Message, e);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the body is not a JSON object");
        }

        var name = Text(root, "name") ?? "";
        if (name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new FormatException($"name must be 1 to {MaxNameLength} letters, digits, '-', '_' or '.'");
        }

        if (!Uri.TryCreate(Text(root, "url"), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException("url must be an absolute http(s) URL");
        }

        var capacity = Whole(root, "capacity", 1);
        if (capacity is < 0 or > MaxCapacity)
        {
            throw new FormatException($"capacity must be between 0 and {MaxCapacity}");
        }

        var pricePerUnit = Whole(root, "price_per_unit", 0);
        var scaling = Whole(root, "price_scaling", 1);
        if (pricePerUnit < 0 || scaling < 0)
        {
            throw new FormatException("price_per_unit and price_scaling must not be negative");
        }

        var multiplier = (Text(root, "currency") ?? "").ToLowerInvariant() switch
        {
            "" or "wei" => BigInteger.One,
            "eth" => BigInteger.Pow(10, 18),
            var other => throw new FormatException($"currency '{other}' is not supported (wei or eth)"), // upstream panics here
        };
        var perUnit = pricePerUnit * multiplier;
        if (perUnit > long.MaxValue)
        {
            throw new FormatException("price_per_unit is too large");
        }

        var info = new ByocCapabilityInfo(name, (int)capacity, new Price((long)perUnit, scaling == 0 ? 1 : scaling))
        {
            Description = Text(root, "description") ?? "",
        };
        return new RegistrationRequest(info, url, Text(root, "token") is { Length: > 0 } token ? token : null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null => null,
                _ => throw new FormatException($"{name} must be a string"),
            }
            : null;

    private static long Whole(JsonElement root, string name, long fallback) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt64(out var number) => number,
                JsonValueKind.Null => fallback,
                _ => throw new FormatException($"{name} must be a whole number"),
            }
            : fallback;
}
