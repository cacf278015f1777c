using System.Numerics;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Byoc.Gateway.Orchestrators;

/// <summary>
/// An orchestrator's answer to <c>GET /process/token</c> (go-livepeer <c>JobToken</c>, protocols §1.3), read on the
/// gateway: the price per second, the ticket parameters to pay with (Go's JSON of the protobuf struct: snake_case
/// keys, bytes as standard base64, empty fields left out) and the free capacity.
/// </summary>
/// <param name="Orchestrator">The orchestrator as discovered (where the gateway sends the work).</param>
/// <param name="Price">The price of one second of compute.</param>
/// <param name="TicketParams">Ticket parameters; <c>null</c> offchain.</param>
/// <param name="Balance">The balance the orchestrator reports (whole wei).</param>
/// <param name="AvailableCapacity">Free places for jobs or streams.</param>
/// <param name="ServiceAddress">The <c>service_addr</c> the orchestrator names (informational).</param>
internal sealed record OrchestratorToken(Uri Orchestrator, Price Price, TicketParams? TicketParams, long Balance, int AvailableCapacity, string ServiceAddress)
{
    /// <summary>The largest token body read.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The orchestrator as a payment sender sees it.</summary>
    public OrchestratorInfo Info => new(Orchestrator) { Address = TicketParams?.Recipient, Price = Price, TicketParams = TicketParams };

    /// <summary>Reads a token body.</summary>
    /// <exception cref="FormatException">Not a token: bad JSON, a field of the wrong type or size, or a price without pixels.</exception>
    public static OrchestratorToken Parse(Uri orchestrator, ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        if (json.Length > MaxBytes)
        {
            throw new FormatException($"The token is larger than {MaxBytes} bytes.");
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The token is not a JSON object.");
            }

            var price = root.TryGetProperty("price", out var p) && p.ValueKind == JsonValueKind.Object ? ReadPrice(p) : Price.Free;
            var ticketParams = root.TryGetProperty("ticket_params", out var t) && t.ValueKind == JsonValueKind.Object ? ReadTicketParams(t) : null;
            var balance = Long(root, "balance");
            var capacity = Long(root, "available_capacity");
            var service = root.TryGetProperty("service_addr", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
            return new OrchestratorToken(orchestrator, price, ticketParams, balance, (int)Math.Clamp(capacity, 0, int.MaxValue), service);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException("The token is not valid: " + e.Message, e);
        }
    }

    private static Price ReadPrice(JsonElement price)
    {
        var perUnit = Long(price, "pricePerUnit");
        var pixels = Long(price, "pixelsPerUnit");
        if (perUnit < 0 || pixels < 0)
        {
            throw new FormatException("The token's price is negative.");
        }

        if (pixels == 0)
        {
            // Upstream: "pixels per unit is 0" is an error unless nothing is charged anyway.
            return perUnit == 0 ? Price.Free : throw new FormatException("The token's price has 0 pixels per unit.");
        }

        return new Price(perUnit, pixels);
    }

    private static TicketParams ReadTicketParams(JsonElement json)
    {
        var recipient = Bytes(json, "recipient", 20);
        if (recipient.Length != EthAddress.Length)
        {
            throw new FormatException("The token's ticket recipient is not 20 bytes.");
        }

        var randHash = Bytes(json, "recipient_rand_hash", 32);
        TicketExpirationParams? expiration = null;
        if (json.TryGetProperty("expiration_params", out var e) && e.ValueKind == JsonValueKind.Object)
        {
            var blockHash = Bytes(e, "creation_round_block_hash", 32);
            expiration = new TicketExpirationParams(Long(e, "creation_round"), blockHash.Length == 0 ? Hash32.Zero : new Hash32(Pad(blockHash, 32)));
        }

        return new TicketParams(
            new EthAddress(recipient),
            Big(json, "face_value"),
            Big(json, "win_prob"),
            randHash.Length == 0 ? Hash32.Zero : new Hash32(Pad(randHash, 32)),
            Big(json, "seed"),
            Big(json, "expiration_block"))
        {
            ExpirationParams = expiration,
        };
    }

    private static long Long(JsonElement json, string name) =>
        !json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? 0
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : throw new FormatException($"The token's {name} is not a whole number.");

    private static BigInteger Big(JsonElement json, string name)
    {
        var bytes = Bytes(json, name, 32);
        return bytes.Length == 0 ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    // Go encodes []byte as standard base64; protobuf big integers are minimal big-endian (no sign byte).
    private static byte[] Bytes(JsonElement json, string name, int maxLength)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.String || !value.TryGetBytesFromBase64(out var bytes))
        {
            throw new FormatException($"The token's {name} is not base64.");
        }

        return bytes.Length <= maxLength ? bytes : throw new FormatException($"The token's {name} is longer than {maxLength} bytes.");
    }

    private static byte[] Pad(byte[] bytes, int length)
    {
        if (bytes.Length == length)
        {
            return bytes;
        }

        var padded = new byte[length];
        bytes.CopyTo(padded, length - bytes.Length);
        return padded;
    }
}
