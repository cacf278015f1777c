using System.Numerics;
using System.Text.Json.Nodes;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Byoc.Orchestrator;

/// <summary>
/// The JSON answer of <c>GET /process/token</c> (go-livepeer <c>JobToken</c>): <c>ticket_params</c> as Go
/// serialises the protobuf struct (snake_case keys, bytes as standard base64, empty fields omitted), the
/// price as <c>{pricePerUnit, pixelsPerUnit}</c>.
/// </summary>
internal static class JobToken
{
    public static JsonObject Build(string addr, string sig, TicketParams? ticketParams, BigInteger balance, Price price, string serviceAddr, int availableCapacity)
    {
        var token = new JsonObject
        {
            ["sender_address"] = new JsonObject { ["addr"] = addr, ["sig"] = sig },
        };
        if (ticketParams is not null)
        {
            token["ticket_params"] = TicketParamsJson(ticketParams);
        }

        if (!balance.IsZero)
        {
            token["balance"] = (long)BigInteger.Min(balance, long.MaxValue);
        }

        var priceJson = new JsonObject();
        if (price.PricePerUnit != 0)
        {
            priceJson["pricePerUnit"] = price.PricePerUnit;
        }

        priceJson["pixelsPerUnit"] = price.PixelsPerUnit;
        token["price"] = priceJson;
        token["service_addr"] = serviceAddr;
        if (availableCapacity > 0)
        {
            token["available_capacity"] = availableCapacity;
        }

        return token;
    }

    private static JsonObject TicketParamsJson(TicketParams p)
    {
        var json = new JsonObject { ["recipient"] = Convert.ToBase64String(p.Recipient.ToArray()) };
        AddBig(json, "face_value", p.FaceValue);
        AddBig(json, "win_prob", p.WinProbability);
        json["recipient_rand_hash"] = Convert.ToBase64String(p.RecipientRandHash.Span);
        AddBig(json, "seed", p.Seed);
        AddBig(json, "expiration_block", p.ExpirationBlock);
        if (p.ExpirationParams is { } expiration)
        {
            json["expiration_params"] = new JsonObject
            {
                ["creation_round"] = expiration.CreationRound,
                ["creation_round_block_hash"] = Convert.ToBase64String(expiration.CreationRoundBlockHash.Span),
            };
        }

        return json;
    }

    private static void AddBig(JsonObject json, string key, BigInteger value)
    {
        if (!value.IsZero)
        {
            json[key] = Convert.ToBase64String(value.ToByteArray(isUnsigned: true, isBigEndian: true));
        }
    }
}
