using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Plugins.Byoc.Billing;
using Livepeer.Plugins.Byoc.Registry;
using Livepeer.Plugins.Byoc.Signing;
using Livepeer.Plugins.Byoc.Worker;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Orchestrator;

/// <summary>
/// Batch jobs: <c>GET /process/token</c> and <c>POST /process/request/{route}</c> (go-livepeer
/// <c>GetJobToken</c> / <c>ProcessJob</c>), JSON and Server-Sent Events passed through, compute charged by
/// the second of wall time (rounded up; SSE in 5 s steps).
/// </summary>
internal sealed class JobEndpoints(
    JobReader reader,
    JobCredentials credentials,
    CapabilityRegistry registry,
    ByocBilling billing,
    ByocOptions options,
    INodeAddresses? addresses,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan SseDebitStep = TimeSpan.FromSeconds(5);

    public async Task TokenAsync(HttpContext context)
    {
        var encoded = context.Request.Headers[ByocHeaders.EthAddress].ToString();
        if (encoded.Length == 0 || encoded.Length > 4096)
        {
            await reader.RefuseAsync(context, 400, "Missing or invalid Livepeer-Eth-Address header").ConfigureAwait(false);
            return;
        }

        string addr, sig;
        EthAddress sender;
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(encoded), new JsonDocumentOptions { MaxDepth = 4 });
            addr = document.RootElement.GetProperty("addr").GetString() ?? "";
            sig = document.RootElement.GetProperty("sig").GetString() ?? "";
            sender = credentials.VerifyTokenSender(addr, sig);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or JobCredentialsException)
        {
            await reader.RefuseAsync(context, 400, "Invalid eth address header").ConfigureAwait(false);
            return;
        }

        var name = context.Request.Headers[ByocHeaders.Capability].ToString();
        if (name.Length == 0)
        {
            await reader.RefuseAsync(context, 400, "Missing Livepeer-Capability header").ConfigureAwait(false);
            return;
        }

        var capability = registry.Find(name);
        var price = capability?.Info.PricePerSecond ?? Abstractions.Orchestrators.Price.Free;
        var ticketParams = await billing.TicketParamsAsync(sender, price, context.RequestAborted).ConfigureAwait(false);
        var service = addresses?.GetBaseUri(NodeListener.Service)?.ToString().TrimEnd('/') ?? $"{context.Request.Scheme}://{context.Request.Host}";

        // Balances are per job here, so a token never carries one (upstream reports the (sender, capability) balance).
        var token = JobToken.Build(addr, sig, ticketParams, 0, price, service, capability?.Counter.Available ?? 0);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(token.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    public async Task ProcessAsync(HttpContext context)
    {
        if (await reader.ReadAsync(context).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        if (registry.Find(job.Job.Capability) is not { } capability || capability.Counter.TryReserve() is not { } lease)
        {
            await reader.RefuseAsync(context, 503, "No capacity available for capability").ConfigureAwait(false);
            return;
        }

        using (lease)
        {
            var jobId = job.Job.Id.Length > 0 && job.Job.Id.Length <= 128 ? job.Job.Id : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            var ledger = ByocBilling.JobLedger(capability.Name, jobId);
            var price = capability.Info.PricePerSecond;
            Rational? balance;
            try
            {
                balance = await billing.CreditAsync(context.Request.Headers[ByocHeaders.Payment].ToString(), job.Sender, ledger, context.RequestAborted).ConfigureAwait(false);
            }
            catch (BillingException e)
            {
                await reader.RefuseAsync(context, 400, "Failed to process payment: " + e.Message).ConfigureAwait(false);
                return;
            }

            if (!ByocBilling.Covers(balance, price, options.MinimumBalance))
            {
                await reader.RefuseAsync(context, 402, "Insufficient balance for request").ConfigureAwait(false);
                return;
            }

            var route = context.Request.RouteValues["route"] as string ?? "";
            var timeout = TimeSpan.FromSeconds(job.Job.TimeoutSeconds);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            deadline.CancelAfter(timeout);
            var started = time.GetTimestamp();
            ByocJobResponse response;
            try
            {
                response = await capability.Capability.ProcessJobAsync(
                    new ByocJobRequest(jobId, route, context.Request.ContentType, context.Request.Body) { Timeout = timeout },
                    deadline.Token).ConfigureAwait(false);
            }
            catch (WorkerCallException e) when (e.IsUnauthorized)
            {
                Remove(capability, "the worker refused the orchestrator's token (401)");
                await ChargeAsync(context, job, ledger, price, started).ConfigureAwait(false);
                await reader.RefuseAsync(context, 500, "job not able to be processed, worker auth token failed").ConfigureAwait(false);
                return;
            }
            catch (WorkerUnavailableException e) when (!e.TimedOut)
            {
                // Upstream drops a worker it cannot reach; the worker registers again when it is back.
                Remove(capability, "the worker could not be reached");
                await reader.RefuseAsync(context, 500, "job not able to be processed, removing capability err=" + e.Message).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is WorkerUnavailableException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
            {
                await ChargeAsync(context, job, ledger, price, started).ConfigureAwait(false);
                await reader.RefuseAsync(context, 504, "The capability did not answer in time").ConfigureAwait(false);
                return;
            }

            await using (response.Body.ConfigureAwait(false))
            {
                if (response.ContentType?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true)
                {
                    await RelayEventsAsync(context, job, ledger, price, response, deadline.Token).ConfigureAwait(false);
                    return;
                }

                // Charged for the time until the answer started; its bytes then stream through.
                var after = await ChargeAsync(context, job, ledger, price, started).ConfigureAwait(false);
                if (after is not null)
                {
                    context.Response.Headers[ByocHeaders.Balance] = ByocBilling.BalanceText(after);
                }

                context.Response.StatusCode = response.StatusCode;
                if (response.ContentType is { Length: > 0 } type)
                {
                    context.Response.ContentType = type;
                }

                foreach (var (key, value) in response.Headers)
                {
                    context.Response.Headers[key] = value;
                }

                try
                {
                    await response.Body.CopyToAsync(context.Response.Body, deadline.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
                {
                    context.Abort(); // the worker broke off or the deadline passed mid-body
                }
            }
        }
    }

    // SSE (upstream): lines passed through; every 5 s the elapsed compute is debited, and a negative
    // balance ends the answer with "insufficient balance"; the worker's [DONE] is preceded by the balance.
    private async Task RelayEventsAsync(HttpContext context, JobContext job, string ledger, Abstractions.Orchestrators.Price price, ByocJobResponse response, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        if (await billing.BalanceAsync(job.Sender, ledger, cancellationToken).ConfigureAwait(false) is { } opening)
        {
            context.Response.Headers[ByocHeaders.PaymentBalance] = ByocBilling.BalanceText(opening);
        }

        var lastDebit = time.GetTimestamp();
        using var lines = new StreamReader(response.Body, Encoding.UTF8);
        try
        {
            while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (time.GetElapsedTime(lastDebit) >= SseDebitStep)
                {
                    var elapsed = time.GetElapsedTime(lastDebit);
                    lastDebit = time.GetTimestamp();
                    if (await billing.DebitAsync(job.Sender, ledger, price, elapsed, cancellationToken).ConfigureAwait(false) is { Sign: < 0 })
                    {
                        await context.Response.WriteAsync("event: insufficient balance\ndata: {\"balance\": 0}\n\ndata: [DONE]\n\n", cancellationToken).ConfigureAwait(false);
                        return;
                    }
                }

                if (line.Contains("[DONE]", StringComparison.Ordinal))
                {
                    var balance = await billing.DebitAsync(job.Sender, ledger, price, time.GetElapsedTime(lastDebit), cancellationToken).ConfigureAwait(false);
                    if (balance is not null)
                    {
                        await context.Response.WriteAsync($"data: {{\"balance\": {ByocBilling.BalanceText(balance)}}}\n\n", cancellationToken).ConfigureAwait(false);
                    }

                    await context.Response.WriteAsync(line + "\n", cancellationToken).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }

                await context.Response.WriteAsync(line + "\n", cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Deadline or worker gone: end the stream as upstream does on its deadline.
            await context.Response.WriteAsync("data: [DONE]\n\n", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<Rational?> ChargeAsync(HttpContext context, JobContext job, string ledger, Abstractions.Orchestrators.Price price, long started) =>
        await billing.DebitAsync(job.Sender, ledger, price, time.GetElapsedTime(started), context.RequestAborted).ConfigureAwait(false);

    private void Remove(RegisteredCapability capability, string reason)
    {
        if (registry.Unregister(capability))
        {
            ByocLog.Unregistered(logger, capability.Name, reason);
        }
    }
}
