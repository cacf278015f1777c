using System.Globalization;
using System.Text;
using Livepeer.Abstractions.Byoc;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;
using Livepeer.Plugins.Byoc.Gateway.Streams;
using Livepeer.Plugins.Byoc.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Livepeer.Plugins.Byoc.Gateway.Http;

/// <summary>
/// The routes of a running gateway stream (go-livepeer <c>StopStream</c>, <c>UpdateStream</c>, <c>StreamStatus</c>,
/// <c>StreamData</c>, <c>StartStreamRTMPIngest</c>; protocols §1.6): unknown streams are 404, bodies over
/// <see cref="ByocOptions.MaxBodyBytes"/> 413.
/// </summary>
internal sealed class StreamControlEndpoints(StreamServices services)
{
    // What upstream's MediaMTX hook form may hold; more is refused rather than buffered.
    private static readonly FormOptions HookForm = new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 64,
        ValueLengthLimit = 1024,
        MultipartBodyLengthLimit = 64 * 1024,
        MultipartHeadersLengthLimit = 4 * 1024,
        MultipartBoundaryLengthLimit = 128,
    };

    /// <summary>
    /// <c>POST /process/stream/{id}/stop</c>: no <c>Livepeer</c> header needed (the webapp sends none; upstream reads
    /// none). The stream ends here and on its orchestrator (<c>/ai/stream/stop</c> with the client's body); the answer
    /// is 200 with the orchestrator's body, as upstream, once everything is released.
    /// </summary>
    public async Task StopAsync(HttpContext context, string id)
    {
        StreamCors.Add(context, services.Options.AllowCors);
        if (services.Table.Find(id) is not { } stream)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        if (await HttpAnswers.ReadBodyAsync(context, services.Byoc.MaxBodyBytes).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        stream.RequestEnd("stopped by the client", stopBody: body);
        await stream.Completion.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = 200;
        if (stream.StopAnswer is { } answer)
        {
            GatewayLog.Forwarded(services.Logger, id, "stop", stream.Orchestrators[^1], answer.StatusCode);
            if (answer.ContentType is { } type)
            {
                context.Response.ContentType = type;
            }

            await context.Response.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>POST /process/stream/{id}/update</c>: the body (a JSON object) becomes the stream's params — replayed to any
    /// orchestrator it moves to — goes on the control channel, and to <c>/ai/stream/update</c> on the current orchestrator,
    /// whose status and body are the answer. A <c>Livepeer</c> header is optional (its <c>timeout_seconds</c> bounds the
    /// call) but must be well formed when present. Between orchestrators the params are only stored (200).
    /// </summary>
    public async Task UpdateAsync(HttpContext context, string id)
    {
        StreamCors.Add(context, services.Options.AllowCors);
        if (services.Table.Find(id) is not { } stream)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        var timeout = (int)OrchestratorStreamApi.CallTimeout.TotalSeconds;
        var header = context.Request.Headers[ByocHeaders.Job].ToString();
        if (header.Length > 0)
        {
            try
            {
                timeout = Math.Min(ClientJob.Parse(header).Header.TimeoutSeconds, 60);
            }
            catch (ByocJobHeaderException e)
            {
                await RefuseAsync(context, 400, e.Message).ConfigureAwait(false);
                return;
            }
        }

        if (await HttpAnswers.ReadBodyAsync(context, services.Byoc.MaxBodyBytes).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        if (StreamStartBody.ObjectText(body) is not { } parameters)
        {
            await RefuseAsync(context, 400, "invalid model params: the body must be a JSON object").ConfigureAwait(false);
            return;
        }

        stream.Params = parameters;
        if (stream.Current is not { StartedAt: not null } session)
        {
            await HttpAnswers.TextAsync(context, 200, "params stored; the stream is starting on an orchestrator, which gets them").ConfigureAwait(false);
            return;
        }

        session.SendControl(parameters);
        OrchestratorAnswer answer;
        try
        {
            answer = await services.Api.UpdateAsync(stream, session.Orchestrator, parameters, timeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OrchestratorUnavailableException e)
        {
            await RefuseAsync(context, 502, "the orchestrator did not take the update: " + e.Message).ConfigureAwait(false);
            return;
        }

        GatewayLog.Forwarded(services.Logger, id, "update", session.Orchestrator, answer.StatusCode);
        context.Response.StatusCode = answer.StatusCode;
        if (answer.ContentType is { } type)
        {
            context.Response.ContentType = type;
        }

        await context.Response.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary><c>GET /process/stream/{id}/status</c>: the live status, or the final one of a recently ended stream.</summary>
    public async Task StatusAsync(HttpContext context, string id)
    {
        StreamCors.Add(context, services.Options.AllowCors);
        var status = services.Table.Find(id) is { } stream ? StreamStatus.Of(stream, services.Time) : services.Table.FindEnded(id);
        if (status is null)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(status.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>GET /process/stream/{id}/data</c>: Server-Sent Events, one <c>data:</c> per JSON line of the worker's data
    /// channel, each with an <c>id:</c> (a reconnecting <c>EventSource</c> sends it back as <c>Last-Event-ID</c> and gets
    /// only what it missed), then <c>event: end</c> when the stream ends — written with real newlines (upstream writes a
    /// literal backslash-n there). 503 when the stream has no data output, 429 over <see cref="GatewayOptions.MaxDataReaders"/>.
    /// </summary>
    public async Task DataAsync(HttpContext context, string id)
    {
        StreamCors.Add(context, services.Options.AllowCors);
        if (services.Table.Find(id) is not { } stream)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        if (stream.Data is not { } feed)
        {
            await RefuseAsync(context, 503, "Stream data not available").ConfigureAwait(false);
            return;
        }

        long? after = long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : null;
        if (feed.Open(after) is not { } reader)
        {
            await RefuseAsync(context, 429, "Too many data readers for this stream").ConfigureAwait(false);
            return;
        }

        try
        {
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await foreach (var line in reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {line.Id}\ndata: {line.Json}\n\n"), context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }

            await response.WriteAsync("event: end\ndata: {\"type\":\"stream_ended\"}\n\n", context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the reader left
        }
        finally
        {
            feed.Close(reader);
        }
    }

    /// <summary>
    /// <c>POST /process/stream/{id}/rtmp</c>, upstream's MediaMTX <c>runOnReady</c> hook: a form with <c>source_id</c> and
    /// <c>source_type</c> (400 without them). Upstream then pulls <c>rtmp://{mediamtx}/{id}</c>; this node has its own RTMP
    /// ingest (a publish to the stream's <c>rtmp_url</c> reaches the stream directly), so the hook only checks and
    /// acknowledges: 200 for a running stream, 404 otherwise. It pulls nothing from elsewhere.
    /// </summary>
    public async Task RtmpHookAsync(HttpContext context, string id)
    {
        StreamCors.Add(context, services.Options.AllowCors);
        if (context.Request.ContentLength > HookForm.MultipartBodyLengthLimit)
        {
            await RefuseAsync(context, 413, "Request body too large").ConfigureAwait(false);
            return;
        }

        string sourceId = "", sourceType = "";
        if (context.Request.HasFormContentType)
        {
            try
            {
                var form = await context.Request.ReadFormAsync(HookForm, context.RequestAborted).ConfigureAwait(false);
                sourceId = form["source_id"].ToString();
                sourceType = form["source_type"].ToString().ToLowerInvariant();
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                await RefuseAsync(context, 400, "Unreadable form: " + e.Message).ConfigureAwait(false);
                return;
            }
        }

        if (sourceId.Length == 0 || sourceType.Length == 0)
        {
            await RefuseAsync(context, 400, "Missing source_id or source_type").ConfigureAwait(false);
            return;
        }

        if (services.Table.Find(id) is null)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        await HttpAnswers.TextAsync(context, 200, "ok: this gateway ingests RTMP itself; publish to the stream's rtmp_url").ConfigureAwait(false);
    }

    /// <summary><c>OPTIONS /process/stream/…</c>: 204 (with CORS headers when allowed), as upstream.</summary>
    public IResult Preflight(HttpContext context)
    {
        StreamCors.Add(context, services.Options.AllowCors);
        return Results.NoContent();
    }

    private static Task NotFoundAsync(HttpContext context) => HttpAnswers.TextAsync(context, 404, "Stream not found");

    private Task RefuseAsync(HttpContext context, int status, string message) => GatewayRefusals.RefuseAsync(context, services.Logger, status, message);
}
