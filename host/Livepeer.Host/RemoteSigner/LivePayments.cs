using System.Security.Cryptography;
using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.RemoteSigner;

/// <summary>
/// <c>POST /generate-live-payment</c>: prices the time (or pixels) since the session's last payment, asks the
/// node's payment sender for tickets and encodes them. Statuses as go-livepeer's signer and the Python SDK use
/// them: 480 refresh the orchestrator info (its ticket parameters were refused), 481 price above the
/// maximum, 482 nothing to pay this cycle.
/// </summary>
internal sealed class LivePayments(
    IEthereumAccount account,
    ISignatureVerifier verifier,
    IPaymentSender sender,
    IPaymentCodec? codec,
    Rational? maxPricePerUnit,
    TimeProvider time)
{
    public const int RefreshSession = 480;
    public const int PriceExceeded = 481;
    public const int NoPayment = 482;

    /// <summary>What a session pays for on its first call when the client names no preload (go-livepeer preloads 60 s).</summary>
    public const int DefaultPreloadSeconds = 60;

    public async Task<SignerAnswer> GenerateAsync(LivePaymentRequest request, CancellationToken cancellationToken)
    {
        var previous = SignerState.Open(request.State, account.Address, verifier);
        var manifestId = request.ManifestId is { Length: > 0 } m ? m : previous?.ManifestId is { Length: > 0 } p ? p : NewManifestId();
        if (previous is not null && previous.ManifestId.Length > 0 && previous.ManifestId != manifestId)
        {
            throw new SignerRequestException("state belongs to another manifestID");
        }

        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var seconds = previous is null
            ? new Rational(request.PreloadSeconds is > 0 ? request.PreloadSeconds.Value : DefaultPreloadSeconds, 1)
            : new Rational(Math.Max(0, nowMs - previous.PaidUntilMs), 1000);

        var (price, units, ledgerKey) = request.Type switch
        {
            LivePaymentRequest.Byoc => (PriceOf(request, Capability.Byoc), seconds, request.Capability ?? manifestId),
            LivePaymentRequest.LiveVideoToVideo => (PriceOf(request, Capability.LiveVideoToVideo), seconds * LivePaymentRequest.LivePixelsPerSecond, manifestId),
            _ => (request.Orchestrator.Price ?? Price.Free, request.InPixels is > 0 ? new Rational(request.InPixels.Value, 1) : throw new SignerRequestException("inPixels is required when type is not set"), manifestId),
        };

        if (maxPricePerUnit is { } max && price.PerUnit > max)
        {
            return SignerAnswer.Error(PriceExceeded, $"price {price.PricePerUnit}/{price.PixelsPerUnit} is above the maximum");
        }

        var fee = price.CostOf(units);
        var state = new SignerState(manifestId, request.Type, nowMs).Seal(account);
        if (fee.IsZero)
        {
            return SignerAnswer.Error(NoPayment, "nothing to pay");
        }

        Payment? payment;
        try
        {
            payment = await sender.CreatePaymentAsync(new PaymentRequest(request.Orchestrator, ledgerKey, fee), cancellationToken).ConfigureAwait(false);
        }
        catch (PaymentException e)
        {
            return SignerAnswer.Error(RefreshSession, "refresh the orchestrator info: " + e.Message);
        }

        if (payment is null)
        {
            return SignerAnswer.Error(NoPayment, "the payment scheme sends nothing");
        }

        if (codec is null)
        {
            return SignerAnswer.Error(StatusCodes.Status500InternalServerError, "no payment codec is registered");
        }

        return SignerAnswer.Ok(new Dictionary<string, object?>
        {
            ["payment"] = codec.Encode(payment),
            ["segCreds"] = SegmentCredentials(request, manifestId),
            ["state"] = new Dictionary<string, object?> { ["State"] = Convert.ToBase64String(state.Blob), ["Sig"] = Convert.ToBase64String(state.Signature) },
        });
    }

    // The capability's own price (capabilities_prices, constraint = capability or model), else the node price.
    private static Price PriceOf(LivePaymentRequest request, Capability capability)
    {
        var info = request.Orchestrator;
        var own = info.CapabilityPrices.FirstOrDefault(p => p.Capability == capability && (request.Capability is null || p.Constraint == request.Capability));
        return own?.Price ?? info.Price ?? Price.Free;
    }

    // Livepeer-Segment for LV2V: a SegData naming the manifest and carrying the orchestrator's auth token.
    // BYOC ignores the header. Unsigned: go-livepeer offchain orchestrators do not check it.
    private static string SegmentCredentials(LivePaymentRequest request, string manifestId)
    {
        if (request.Type != LivePaymentRequest.LiveVideoToVideo)
        {
            return "";
        }

        var segment = new Net.SegData { ManifestId = ByteString.CopyFromUtf8(manifestId) };
        if (request.OrchestratorProto.AuthToken is { } token)
        {
            segment.AuthToken = token;
        }

        if (request.CapabilitiesProto is { } capabilities)
        {
            segment.Capabilities = capabilities;
        }

        return Convert.ToBase64String(segment.ToByteArray());
    }

    private static string NewManifestId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}

/// <summary>An answer of a signer endpoint: a status and a JSON body.</summary>
internal sealed record SignerAnswer(int Status, object Body)
{
    public static SignerAnswer Ok(object body) => new(StatusCodes.Status200OK, body);

    public static SignerAnswer Error(int status, string message) =>
        new(status, new Dictionary<string, object?> { ["error"] = new Dictionary<string, object?> { ["message"] = message } });
}
