using System.Security.Cryptography;
using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.Byoc.Http;
using Livepeer.Plugins.Byoc.Billing;
using Livepeer.Plugins.Byoc.Registry;
using Livepeer.Plugins.Byoc.Worker;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Orchestrator;

/// <summary>
/// <c>/ai/stream/start|stop|update|payment</c> (go-livepeer <c>byoc/stream_orchestrator.go</c>, and what the
/// Python SDK expects of them, clients-and-workers §1.3 steps 8–11).
/// </summary>
internal sealed class StreamEndpoints(
    JobReader reader,
    CapabilityRegistry registry,
    StreamLifecycle lifecycle,
    ByocBilling billing,
    ISegmentChannels? channels,
    ByocOptions options,
    TimeProvider time,
    ILogger logger)
{
    public async Task StartAsync(HttpContext context)
    {
        if (await reader.ReadAsync(context).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        ByocStreamFlags flags;
        string? requestedId;
        try
        {
            flags = job.Job.StreamFlags();
            requestedId = job.Job.StreamId();
        }
        catch (ByocJobHeaderException e)
        {
            await reader.RefuseAsync(context, 400, e.Message).ConfigureAwait(false);
            return;
        }

        // Upstream names the stream by the job id; the SDK sets id = request.stream_id.
        var streamId = job.Job.Id.Length > 0 ? job.Job.Id : requestedId is { Length: > 0 } ? requestedId : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        if (!ByocIds.IsValid(streamId))
        {
            await reader.RefuseAsync(context, 400, "Invalid stream id").ConfigureAwait(false);
            return;
        }

        if (channels is null)
        {
            await reader.RefuseAsync(context, 503, "No segment channels on this orchestrator (enable the Trickle plugin)").ConfigureAwait(false);
            return;
        }

        if (await HttpAnswers.ReadBodyAsync(context, options.MaxBodyBytes).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        if (!TryParseStartBody(body, out var bodyJson, out var paramsJson))
        {
            await reader.RefuseAsync(context, 400, "Invalid JSON body").ConfigureAwait(false);
            return;
        }

        if (registry.Find(job.Job.Capability) is not { } capability || capability.Counter.TryReserve() is not { } lease)
        {
            await reader.RefuseAsync(context, 503, "No capacity available for capability").ConfigureAwait(false);
            return;
        }

        var price = capability.Info.PricePerSecond;
        var stream = new ActiveStream(streamId, capability, lease, job.Sender, price, time.GetTimestamp()) { VideoIngress = flags.VideoIngress };
        if (!lifecycle.Streams.TryAdd(stream))
        {
            lease.Dispose();
            await reader.RefuseAsync(context, 409, "Stream already exists").ConfigureAwait(false);
            return;
        }

        var started = false;
        try
        {
            Abstractions.Rational? balance;
            try
            {
                balance = await billing.CreditAsync(context.Request.Headers[ByocHeaders.Payment].ToString(), job.Sender, stream.LedgerKey, context.RequestAborted).ConfigureAwait(false);
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

            var endpoints = await CreateChannelsAsync(stream, flags, context.RequestAborted).ConfigureAwait(false);
            var request = new ByocStreamRequest(streamId, streamId, endpoints, paramsJson)
            {
                StartBodyJson = bodyJson,
                Timeout = TimeSpan.FromSeconds(job.Job.TimeoutSeconds),
            };

            try
            {
                stream.Session = await capability.Capability.StartStreamAsync(request, context.RequestAborted).ConfigureAwait(false);
            }
            catch (WorkerCallException e)
            {
                await WorkerErrorAsync(context, capability, e).ConfigureAwait(false);
                return;
            }
            catch (WorkerUnavailableException e)
            {
                await reader.RefuseAsync(context, e.TimedOut ? 504 : 502, e.Message).ConfigureAwait(false);
                return;
            }
            catch (ByocCapacityException e)
            {
                await reader.RefuseAsync(context, 503, "No capacity available for capability: " + e.Message).ConfigureAwait(false);
                return;
            }

            started = true;
            ByocLog.StreamStarted(logger, streamId, capability.Name);
            await AnswerStartedAsync(context, stream, endpoints, balance).ConfigureAwait(false);
        }
        catch (SegmentChannelException e)
        {
            await reader.RefuseAsync(context, 503, "Could not create the stream's channels: " + e.Message).ConfigureAwait(false);
        }
        finally
        {
            if (!started)
            {
                await lifecycle.EndAsync(stream, "start failed", null, stopCapability: false).ConfigureAwait(false);
            }
        }
    }

    public async Task StopAsync(HttpContext context)
    {
        if (await reader.ReadAsync(context).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        if (await HttpAnswers.ReadBodyAsync(context, options.MaxBodyBytes).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        // Upstream reads the id from the header's request.stream_id; the SDK's body carries it too.
        var stream = Find(job, body);
        if (stream is null)
        {
            context.Response.StatusCode = 200; // a stop for a stream that already ended is not an error (the SDK's close races the reaper)
            return;
        }

        if (!MaySteer(stream, job))
        {
            await reader.RefuseAsync(context, 403, "The stream belongs to another sender").ConfigureAwait(false);
            return;
        }

        var (_, error) = await lifecycle.EndAsync(stream, "stopped by the client", body, stopCapability: true).ConfigureAwait(false);
        if (error is WorkerCallException worker)
        {
            await PassOnAsync(context, worker).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
    }

    public async Task UpdateAsync(HttpContext context)
    {
        if (await reader.ReadAsync(context).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        if (await HttpAnswers.ReadBodyAsync(context, options.MaxBodyBytes).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        if (Find(job, body: null) is not { Session: { } session } stream)
        {
            await reader.RefuseAsync(context, 404, "Stream not found").ConfigureAwait(false);
            return;
        }

        if (!MaySteer(stream, job))
        {
            await reader.RefuseAsync(context, 403, "The stream belongs to another sender").ConfigureAwait(false);
            return;
        }

        try
        {
            await session.UpdateParamsAsync(body, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = 200;
        }
        catch (WorkerCallException e)
        {
            await WorkerErrorAsync(context, stream.Capability, e).ConfigureAwait(false);
        }
        catch (WorkerUnavailableException e)
        {
            // The worker is gone: the stream cannot go on.
            await lifecycle.EndAsync(stream, "worker unreachable on update", null, stopCapability: false).ConfigureAwait(false);
            await reader.RefuseAsync(context, e.TimedOut ? 504 : 502, e.Message).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await reader.RefuseAsync(context, 404, "Stream not found: " + e.Message).ConfigureAwait(false);
        }
    }

    public async Task PaymentAsync(HttpContext context)
    {
        if (await reader.ReadAsync(context).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        var stream = Find(job, body: null);
        if (stream is null || !MaySteer(stream, job))
        {
            // The SDK keeps paying after stop; the stream's ledger is gone, so nothing is credited.
            context.Response.Headers[ByocHeaders.Balance] = "0";
            context.Response.StatusCode = 200;
            return;
        }

        try
        {
            var balance = await billing.CreditAsync(context.Request.Headers[ByocHeaders.Payment].ToString(), job.Sender, stream.LedgerKey, context.RequestAborted).ConfigureAwait(false);
            if (balance is not null)
            {
                context.Response.Headers[ByocHeaders.Balance] = ByocBilling.BalanceText(balance);
            }

            context.Response.StatusCode = 200;
        }
        catch (BillingException e)
        {
            await reader.RefuseAsync(context, 400, "Failed to process payment, request not valid err=" + e.Message).ConfigureAwait(false);
        }
    }

    /// <summary>Answers a worker's error as upstream does: its status and body; a 401 unregisters the capability and answers 500.</summary>
    private async Task WorkerErrorAsync(HttpContext context, RegisteredCapability capability, WorkerCallException error)
    {
        if (error.IsUnauthorized)
        {
            if (registry.Unregister(capability))
            {
                ByocLog.Unregistered(logger, capability.Name, "the worker refused the orchestrator's token (401)");
            }

            await reader.RefuseAsync(context, 500, "Orchestrator worker failure").ConfigureAwait(false);
            return;
        }

        await PassOnAsync(context, error).ConfigureAwait(false);
    }

    private static async Task PassOnAsync(HttpContext context, WorkerCallException error)
    {
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = error.ContentType ?? "text/plain; charset=utf-8";
        await context.Response.WriteAsync(error.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<ByocStreamChannels> CreateChannelsAsync(ActiveStream stream, ByocStreamFlags flags, CancellationToken cancellationToken)
    {
        var names = stream.Names;
        var result = new ByocStreamChannels(
            await CreateAsync(stream, names.Control, MediaContentTypes.Json, cancellationToken).ConfigureAwait(false),
            await CreateAsync(stream, names.Events, MediaContentTypes.Json, cancellationToken).ConfigureAwait(false));
        if (flags.VideoIngress)
        {
            result = result with { Subscribe = await CreateAsync(stream, names.VideoIn, UpstreamMpegTs, cancellationToken).ConfigureAwait(false) };
        }

        if (flags.VideoEgress)
        {
            result = result with { Publish = await CreateAsync(stream, names.VideoOut, UpstreamMpegTs, cancellationToken).ConfigureAwait(false) };
        }

        if (flags.DataOutput)
        {
            result = result with { Data = await CreateAsync(stream, names.Data, "application/jsonl", cancellationToken).ConfigureAwait(false) };
        }

        return result;
    }

    // go-livepeer creates the video channels with "video/MP2T"; subscribers compare case-insensitively.
    private const string UpstreamMpegTs = "video/MP2T";

    private async Task<ChannelEndpoint> CreateAsync(ActiveStream stream, string name, string mimeType, CancellationToken cancellationToken)
    {
        stream.Channels.Add(name);
        var info = await channels!.CreateChannelAsync(name, mimeType, cancellationToken).ConfigureAwait(false);
        return new ChannelEndpoint(info.Name, info.Url ?? new Uri("urn:livepeer:channel:" + Uri.EscapeDataString(info.Name)));
    }

    private static async Task AnswerStartedAsync(HttpContext context, ActiveStream stream, ByocStreamChannels endpoints, Abstractions.Rational? balance)
    {
        // Client's point of view: it publishes to the worker's subscribe channel and subscribes to the worker's publish channel.
        var headers = context.Response.Headers;
        headers[ByocHeaders.ControlUrl] = endpoints.Control.Url.ToString();
        headers[ByocHeaders.EventsUrl] = endpoints.Events.Url.ToString();
        if (endpoints.Subscribe is { } videoIn)
        {
            headers[ByocHeaders.PublishUrl] = videoIn.Url.ToString();
        }

        if (endpoints.Publish is { } videoOut)
        {
            headers[ByocHeaders.SubscribeUrl] = videoOut.Url.ToString();
        }

        if (endpoints.Data is { } data)
        {
            headers[ByocHeaders.DataUrl] = data.Url.ToString();
        }

        if (balance is not null)
        {
            headers[ByocHeaders.Balance] = ByocBilling.BalanceText(balance);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            JsonSerializer.Serialize(new StreamStartAnswer(
                stream.Id,
                endpoints.Subscribe?.Url.ToString(),
                endpoints.Publish?.Url.ToString(),
                endpoints.Control.Url.ToString(),
                endpoints.Events.Url.ToString(),
                endpoints.Data?.Url.ToString())),
            context.RequestAborted).ConfigureAwait(false);
    }

    private ActiveStream? Find(JobContext job, string? body)
    {
        string? id = null;
        try
        {
            id = job.Job.StreamId();
        }
        catch (ByocJobHeaderException)
        {
            // Fall back to the job id and the body.
        }

        if (id is { Length: > 0 } && lifecycle.Streams.Find(id) is { } byRequest)
        {
            return byRequest;
        }

        if (job.Job.Id.Length > 0 && lifecycle.Streams.Find(job.Job.Id) is { } byJob)
        {
            return byJob;
        }

        return body is not null && BodyStreamId(body) is { } fromBody ? lifecycle.Streams.Find(fromBody) : null;
    }

    // Only the sender that started a stream may steer it; unsigned jobs (signatures off) all come from Zero.
    private static bool MaySteer(ActiveStream stream, JobContext job) => stream.Sender == job.Sender;

    private static string? BodyStreamId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("stream_id", out var id)
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The body must be a JSON object (or empty); <c>params</c> may be an object or a JSON string holding one.</summary>
    internal static bool TryParseStartBody(string body, out string bodyJson, out string paramsJson)
    {
        bodyJson = "{}";
        paramsJson = "{}";
        if (string.IsNullOrWhiteSpace(body))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            bodyJson = body;
            if (document.RootElement.TryGetProperty("params", out var parameters))
            {
                if (parameters.ValueKind == JsonValueKind.Object)
                {
                    paramsJson = parameters.GetRawText();
                }
                else if (parameters.ValueKind == JsonValueKind.String && parameters.GetString() is { Length: > 0 } text)
                {
                    using var inner = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
                    paramsJson = inner.RootElement.ValueKind == JsonValueKind.Object ? inner.RootElement.GetRawText() : "{}";
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>The JSON body of a successful start (the same URLs as the <c>X-*-Url</c> headers, from the client's point of view).</summary>
internal sealed record StreamStartAnswer(
    [property: System.Text.Json.Serialization.JsonPropertyName("stream_id")] string StreamId,
    [property: System.Text.Json.Serialization.JsonPropertyName("publish_url")] string? PublishUrl,
    [property: System.Text.Json.Serialization.JsonPropertyName("subscribe_url")] string? SubscribeUrl,
    [property: System.Text.Json.Serialization.JsonPropertyName("control_url")] string ControlUrl,
    [property: System.Text.Json.Serialization.JsonPropertyName("events_url")] string EventsUrl,
    [property: System.Text.Json.Serialization.JsonPropertyName("data_url")] string? DataUrl);
