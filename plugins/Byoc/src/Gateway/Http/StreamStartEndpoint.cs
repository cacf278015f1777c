using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Egress;
using Livepeer.Plugins.Byoc.Gateway.Streams;
using Livepeer.Plugins.Byoc.Http;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.Byoc.Gateway.Http;

/// <summary>
/// <c>POST /process/stream/start</c> (go-livepeer <c>StartStream</c>, protocols §1.6): the client's unsigned
/// <c>Livepeer</c> header (capability, timeout, <c>enable_*</c> flags, orchestrator include/exclude) and start body are
/// checked, the stream id reserved, orchestrators offering the capability found (tokens, as upstream, before the
/// answer), then the stream is started on them in the background and the client gets its <see cref="StreamUrls"/> at once.
/// </summary>
internal sealed class StreamStartEndpoint(StreamServices services, StreamRunner runner, NodeSettings? node)
{
    public async Task StartAsync(HttpContext context)
    {
        StreamCors.Add(context, services.Options.AllowCors);
        if (services.Channels is null)
        {
            await RefuseAsync(context, 503, "No segment channel clients on this node (enable the Trickle plugin)").ConfigureAwait(false);
            return;
        }

        if (await GatewayRefusals.ReadClientJobAsync(context, services.Logger).ConfigureAwait(false) is not { } job)
        {
            return;
        }

        if (await HttpAnswers.ReadBodyAsync(context, services.Byoc.MaxBodyBytes).ConfigureAwait(false) is not { } text)
        {
            return;
        }

        StreamStartBody body;
        try
        {
            body = StreamStartBody.Parse(text);
        }
        catch (StreamRequestException e)
        {
            await RefuseAsync(context, 400, e.Message).ConfigureAwait(false);
            return;
        }

        var id = body.StreamId ?? ByocIds.Random(services.Random);
        if (body.StreamName is { } name)
        {
            id = $"{name}-{id}"; // upstream's naming
        }

        if (!ByocIds.IsValid(id) || id.EndsWith(OutputRelay.Suffix, StringComparison.Ordinal))
        {
            await RefuseAsync(context, 400, $"Invalid stream id: at most {ByocIds.MaxLength} letters, digits, '-', '_' or '.', not ending in '{OutputRelay.Suffix}'").ConfigureAwait(false);
            return;
        }

        var pushes = new List<(IEgress, Uri)>();
        foreach (var target in job.Flags.VideoEgress ? body.RtmpOutputs : [])
        {
            if (services.Addresses.EgressFor(target) is not { } egress)
            {
                await RefuseAsync(context, 400, $"No egress on this node can push to {target.Scheme}:// (rtmp_output)").ConfigureAwait(false);
                return;
            }

            pushes.Add((egress, target));
        }

        var limit = services.Options.MaxStreams > 0 ? services.Options.MaxStreams : node?.MaxSessions ?? 10;
        switch (services.Table.TryReserve(id, limit))
        {
            case ReserveOutcome.InUse:
                await RefuseAsync(context, 409, "Stream already exists").ConfigureAwait(false);
                return;
            case ReserveOutcome.Full:
                await RefuseAsync(context, 503, $"Too many streams ({limit})").ConfigureAwait(false);
                return;
        }

        var added = false;
        try
        {
            var capability = job.Header.Capability;
            var tokens = await services.Finder.FindAsync(capability, job.Filter, context.RequestAborted).ConfigureAwait(false);
            if (tokens.Count == 0)
            {
                await RefuseAsync(context, 503, $"No orchestrators available for capability {capability}").ConfigureAwait(false);
                return;
            }

            var urls = services.Addresses.For(id, job.Flags, body.RtmpOutputs, RequestBase(context.Request));
            var stream = new GatewayStream(id, job, urls, body.ParamsJson, services, pushes);
            services.Table.Add(stream);
            services.Counters.Open(StreamResource.Streams);
            added = true;
            runner.Start(stream, tokens);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(urls), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            if (!added)
            {
                services.Table.Release(id);
            }
        }
    }

    /// <summary>The gateway as the client reached it (scheme and <c>Host</c>), for the URLs it is handed.</summary>
    internal static Uri? RequestBase(HttpRequest request) =>
        request.Host.HasValue && Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var uri) ? uri : null;

    private Task RefuseAsync(HttpContext context, int status, string message) => GatewayRefusals.RefuseAsync(context, services.Logger, status, message);
}
