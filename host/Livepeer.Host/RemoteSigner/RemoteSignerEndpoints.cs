using System.Text;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Gateway;
using Livepeer.Host.Hosting;

namespace Livepeer.Host.RemoteSigner;

/// <summary>
/// The remote signer's HTTP API on <c>-httpAddr</c> (go-livepeer <c>server/remote_signer.go</c>, plus the BYOC
/// routes of its <c>feat/remote-signer-byoc</c> branch that the Python SDK calls): a gateway without keys gets
/// its orchestrator-request signature, BYOC job signatures and live payments here, and may discover
/// orchestrators through it. Errors are <c>{"error":{"message":…}}</c>, which the SDK reads.
/// </summary>
internal sealed class RemoteSignerEndpoints(
    IEthereumAccount account,
    LivePayments payments,
    OrchestratorPool pool,
    ILogger<RemoteSignerEndpoints> logger) : IEndpointContributor
{
    /// <summary>The largest request body read (an OrchestratorInfo with many prices is a few KiB).</summary>
    public const int MaxBodyBytes = 1 << 20;

    public NodeListener Listener => NodeListener.Gateway;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/sign-orchestrator-info", SignOrchestratorInfoAsync);
        endpoints.MapPost("/sign-byoc-job", SignByocJobAsync);
        endpoints.MapPost("/generate-live-payment", GenerateLivePaymentAsync);
        endpoints.MapGet("/discover-orchestrators", DiscoverAsync);
    }

    private Task SignOrchestratorInfoAsync(HttpContext context) => WriteAsync(context, SignOrchestratorInfo());

    private async Task SignByocJobAsync(HttpContext context)
    {
        var answer = await WithBodyAsync(context, SignByocJobAnswerAsync).ConfigureAwait(false);
        await WriteAsync(context, answer).ConfigureAwait(false);
    }

    private async Task GenerateLivePaymentAsync(HttpContext context)
    {
        var answer = await WithBodyAsync(context, GenerateLivePaymentAnswerAsync).ConfigureAwait(false);
        await WriteAsync(context, answer).ConfigureAwait(false);
    }

    private async Task DiscoverAsync(HttpContext context)
    {
        var answer = await DiscoverAnswerAsync(context.Request.Query["caps"], context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, answer).ConfigureAwait(false);
    }

    // OrchestratorRequest.sig: go-livepeer signs the checksummed address text (broadcaster Sign = personal_sign of keccak256).
    private SignerAnswer SignOrchestratorInfo()
    {
        var address = account.Address.ToChecksumString();
        var signature = account.SignHashedMessage(Encoding.UTF8.GetBytes(address));
        return SignerAnswer.Ok(new Dictionary<string, object?> { ["address"] = address, ["signature"] = "0x" + Convert.ToHexStringLower(signature) });
    }

    private Task<SignerAnswer> SignByocJobAnswerAsync(JsonElement root, CancellationToken cancellationToken) => Task.FromResult(SignByocJob(root));

    private SignerAnswer SignByocJob(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SignerRequestException("body must be a JSON object");
        }

        var capability = JsonFields.String(root, "capability");
        if (string.IsNullOrEmpty(capability))
        {
            throw new SignerRequestException("missing capability");
        }

        var timeout = JsonFields.Integer(root, "timeout_seconds", 1, ByocJobHeader.MaxTimeoutSeconds)
            ?? throw new SignerRequestException("missing timeout_seconds");
        var job = new ByocJobHeader(
            JsonFields.String(root, "id") ?? "",
            JsonFields.String(root, "request") ?? "",
            JsonFields.String(root, "parameters") ?? "",
            capability,
            "",
            "",
            (int)timeout);

        // The SDK asks for v1; go-livepeer master verifies v0 (request ‖ parameters), so both are offered.
        var message = (JsonFields.String(root, "signature_format") ?? "v1").ToLowerInvariant() switch
        {
            "v1" or "" => ByocJobSignature.V1Message(job),
            "v0" => ByocJobSignature.V0Message(job),
            var other => throw new SignerRequestException($"unknown signature_format '{(other.Length > 16 ? other[..16] : other)}'; known: v0, v1"),
        };

        var signature = account.SignHashedMessage(message);
        RemoteSignerLog.SignedJob(logger, capability, job.Id);
        return SignerAnswer.Ok(new Dictionary<string, object?> { ["sender"] = account.Address.ToChecksumString(), ["signature"] = "0x" + Convert.ToHexStringLower(signature) });
    }

    private async Task<SignerAnswer> GenerateLivePaymentAnswerAsync(JsonElement root, CancellationToken cancellationToken)
    {
        var request = LivePaymentRequest.Parse(root);
        var answer = await payments.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        RemoteSignerLog.Payment(logger, request.Type, request.ManifestId ?? "", answer.Status);
        return answer;
    }

    private async Task<SignerAnswer> DiscoverAnswerAsync(IReadOnlyList<string?> caps, CancellationToken cancellationToken)
    {
        if (CapabilityQuery.TryParse([.. caps.OfType<string>()], out var required) is { } error)
        {
            return SignerAnswer.Error(StatusCodes.Status400BadRequest, error);
        }

        var infos = await pool.GetOrchestratorsAsync(pool.Options.MaxCandidates, required, null, cancellationToken).ConfigureAwait(false);

        // The SDK reads "address" and dials it as host:port, so no path.
        return SignerAnswer.Ok(infos.Select(i => new Dictionary<string, object?> { ["address"] = i.ServiceUri.GetLeftPart(UriPartial.Authority) }).ToList());
    }

    private static async Task<SignerAnswer> WithBodyAsync(HttpContext context, Func<JsonElement, CancellationToken, Task<SignerAnswer>> handle)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return SignerAnswer.Error(StatusCodes.Status413PayloadTooLarge, $"body is larger than {MaxBodyBytes} bytes");
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                return SignerAnswer.Error(StatusCodes.Status413PayloadTooLarge, $"body is larger than {MaxBodyBytes} bytes");
            }

            body.Write(buffer, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length), new JsonDocumentOptions { MaxDepth = 16 });
            return await handle(document.RootElement, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return SignerAnswer.Error(StatusCodes.Status400BadRequest, "body is not valid JSON");
        }
        catch (SignerRequestException e)
        {
            return SignerAnswer.Error(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private static Task WriteAsync(HttpContext context, SignerAnswer answer) =>
        Results.Json(answer.Body, NodeJson.Options, statusCode: answer.Status).ExecuteAsync(context);
}
