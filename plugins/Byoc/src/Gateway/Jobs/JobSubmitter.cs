using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Payments;
using Livepeer.Plugins.Byoc.Gateway.Http;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;
using Livepeer.Plugins.Byoc.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway.Jobs;

/// <summary>
/// <c>POST /process/request/{route}</c> on the gateway (go-livepeer <c>SubmitJob</c>, protocols §1.6): tokens from the
/// orchestrators offering the capability, then, in token order, the job re-signed with the node's key and paid for,
/// forwarded to the same path on the orchestrator. A transport failure or a 5xx moves on to the next orchestrator; a
/// 4xx is the client's answer; a success streams through (JSON or Server-Sent Events) with <c>X-Orchestrator-Url</c>.
/// When every orchestrator fails the answer is a 502 naming the last failure (upstream answers an empty 200).
/// </summary>
internal sealed class JobSubmitter(
    OrchestratorFinder finder,
    OrchestratorClient client,
    GatewayPayments payments,
    ByocOptions byocOptions,
    GatewayOptions options,
    IRandomSource random,
    ILogger logger)
{
    private const int MaxPathLength = 2048;

    // Headers passed back from the orchestrator (upstream copies Livepeer-Balance and X-Metadata; SSE answers carry
    // the balance as Livepeer-Payment-Balance, which upstream drops — both pass here).
    private static readonly string[] PassedHeaders = [ByocHeaders.Balance, ByocHeaders.PaymentBalance, ByocHeaders.Metadata];

    public async Task SubmitAsync(HttpContext context)
    {
        if (await GatewayRefusals.ReadClientJobAsync(context, logger).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        var path = context.Request.Path.ToUriComponent().TrimStart('/');
        if (path.Length > MaxPathLength)
        {
            await RefuseAsync(context, 414, "Request path too long").ConfigureAwait(false);
            return;
        }

        if (await HttpAnswers.ReadBodyBytesAsync(context, byocOptions.MaxBodyBytes).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        var capability = job.Header.Capability;
        var tokens = await finder.FindAsync(capability, job.Filter, context.RequestAborted).ConfigureAwait(false);
        if (tokens.Count == 0)
        {
            await RefuseAsync(context, 503, $"No orchestrators available for capability {capability}").ConfigureAwait(false);
            return;
        }

        var jobId = ByocIds.IsValid(job.Header.Id) ? job.Header.Id : ByocIds.Random(random);
        var timeout = TimeSpan.FromSeconds(job.Header.TimeoutSeconds);
        var lastError = "";
        foreach (var token in tokens)
        {
            string? payment;
            try
            {
                payment = await payments.HeaderAsync(token, GatewayPayments.JobLedger(capability, jobId), timeout > options.Prepay ? timeout : options.Prepay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (PaymentException e)
            {
                lastError = $"{token.Orchestrator}: payment refused: {e.Message}";
                GatewayLog.JobFailed(logger, capability, token.Orchestrator, lastError);
                continue;
            }

            var header = client.Signer.Sign(jobId, job.Request, job.Parameters, capability, job.Header.TimeoutSeconds);
            HttpResponseMessage response;
            try
            {
                // Upstream: timeout_seconds + 5 s for the answer to start.
                response = await client.SendJobAsync(token.Orchestrator, path, header, payment, body, context.Request.ContentType, timeout + TimeSpan.FromSeconds(5), context.RequestAborted).ConfigureAwait(false);
            }
            catch (OrchestratorUnavailableException e)
            {
                lastError = $"{token.Orchestrator}: {e.Message}";
                GatewayLog.JobFailed(logger, capability, token.Orchestrator, e.Message);
                continue;
            }

            using (response)
            {
                if ((int)response.StatusCode >= 500)
                {
                    lastError = $"{token.Orchestrator} answered {(int)response.StatusCode}";
                    GatewayLog.JobFailed(logger, capability, token.Orchestrator, lastError);
                    continue;
                }

                await RelayAsync(context, token.Orchestrator, response, timeout + TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                return;
            }
        }

        await RefuseAsync(context, 502, $"All {tokens.Count} orchestrators failed for capability {capability}; last: {lastError}").ConfigureAwait(false);
    }

    private static async Task RelayAsync(HttpContext context, Uri orchestrator, HttpResponseMessage response, TimeSpan deadline)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } type)
        {
            context.Response.ContentType = type.ToString();
        }

        foreach (var name in PassedHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        context.Response.Headers["X-Orchestrator-Url"] = orchestrator.ToString().TrimEnd('/');
        using var body = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        body.CancelAfter(deadline);
        var buffer = new byte[16 * 1024];
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(body.Token).ConfigureAwait(false);
            int read;
            while ((read = await stream.ReadAsync(buffer, body.Token).ConfigureAwait(false)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), body.Token).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(body.Token).ConfigureAwait(false); // SSE events go out as they come
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            context.Abort(); // the orchestrator broke off, the deadline passed or the client left mid-body
        }
    }

    private Task RefuseAsync(HttpContext context, int status, string message) => GatewayRefusals.RefuseAsync(context, logger, status, message);
}
