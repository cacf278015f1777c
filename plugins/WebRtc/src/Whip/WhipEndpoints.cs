using System.Globalization;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.WebRtc.Whip;

/// <summary>
/// WHIP (RFC 9725) on the gateway's HTTP port: <c>POST /live/video-to-video/{stream}/whip</c> (upstream's route),
/// <c>POST /whip/{stream}</c> and <c>POST /process/stream/{stream}/whip</c> (the BYOC gateway's <c>whip_url</c>); the session resource is the POST URL plus <c>/{id}</c> and takes DELETE.
/// </summary>
internal sealed class WhipEndpoints(
    IMediaStreamHub hub,
    IWebRtcStack? stack,
    WebRtcSessions sessions,
    WebRtcOptions options,
    TimeProvider time,
    ILogger logger) : IEndpointContributor
{
    /// <summary>The protocol of streams WHIP publishes (the ingest's name).</summary>
    public const string Protocol = "whip";

    private const string PostMethods = "POST, OPTIONS";
    private const string ResourceMethods = "DELETE, OPTIONS";

    public NodeListener Listener => NodeListener.Gateway;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Each WHIP route with the WHEP route its answer names for playback; /process/stream/ is the BYOC gateway's (its start hands out these URLs).
        foreach (var (prefix, playback) in new[]
        {
            ("/live/video-to-video/{stream}/whip", "/live/video-to-video/{0}/whep"),
            ("/whip/{stream}", "/whep/{0}"),
            ("/process/stream/{stream}/whip", "/process/stream/{0}/whep"),
        })
        {
            endpoints.MapPost(prefix, (HttpContext context, string stream) => PostAsync(context, stream, playback));
            endpoints.MapMethods(prefix, [HttpMethods.Options], (HttpContext context) => Preflight(context, PostMethods));
            endpoints.MapMethods(prefix, [HttpMethods.Head, HttpMethods.Get, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], (HttpContext context) => NotAllowed(context, PostMethods));
            endpoints.MapDelete(prefix + "/{id}", (HttpContext context, string stream, string id) => DeleteAsync(context, stream, id));
            endpoints.MapMethods(prefix + "/{id}", [HttpMethods.Options], (HttpContext context) => Preflight(context, ResourceMethods));
            endpoints.MapMethods(prefix + "/{id}", [HttpMethods.Patch, HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put], (HttpContext context) => NotAllowed(context, ResourceMethods));
        }
    }

    internal static IResult Preflight(HttpContext context, string methods)
    {
        SdpExchange.AddCors(context.Response, methods);
        return Results.NoContent();
    }

    /// <summary>405 with Allow (RFC 9725 §4.3.1: no trickle ICE or ICE restart, so PATCH is 405 too).</summary>
    internal static IResult NotAllowed(HttpContext context, string methods)
    {
        SdpExchange.AddCors(context.Response, methods);
        context.Response.Headers.Allow = methods;
        return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

    private async Task<IResult> PostAsync(HttpContext context, string stream, string playbackPath)
    {
        SdpExchange.AddCors(context.Response, PostMethods);
        if (!SdpExchange.IsValidStreamName(stream))
        {
            return Results.Text("invalid stream name", statusCode: StatusCodes.Status400BadRequest);
        }

        var (offer, error) = await SdpExchange.ReadOfferAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (stack is null)
        {
            return Results.Text("the WebRTC stack is not available on this node", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        IWhipPeer peer;
        try
        {
            peer = stack.AcceptPublisher(offer!);
        }
        catch (OfferRejectedException e)
        {
            WebRtcLog.OfferRejected(logger, Protocol, stream, e.Message);
            return Results.Text(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        IStreamPublication publication;
        try
        {
            var descriptor = new StreamDescriptor(stream, Protocol)
            {
                Properties = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["remote"] = context.Connection.RemoteIpAddress?.ToString() ?? "",
                    ["query"] = context.Request.QueryString.Value ?? "",
                },
            };
            publication = await hub.PublishAsync(descriptor, context.RequestAborted).ConfigureAwait(false);
        }
        catch (StreamConflictException)
        {
            await peer.DisposeAsync().ConfigureAwait(false);
            return Results.Text($"stream '{stream}' is already being published", statusCode: StatusCodes.Status409Conflict);
        }

        var session = new WhipSession(WebRtcSessions.NewId(), stream, peer, publication, options, time);
        sessions.Add(session);
        WebRtcLog.SessionStarted(logger, Protocol, stream, session.Id);
        var playback = $"{context.Request.Scheme}://{context.Request.Host}" + string.Format(CultureInfo.InvariantCulture, playbackPath, stream);
        context.Response.Headers["X-Stream-Id"] = stream; // the ad-astra webapp reads it
        await SdpExchange.WriteAnswerAsync(context, peer.AnswerSdp, SdpExchange.ResourceUrl(context.Request, session.Id), options.IceServers, playback).ConfigureAwait(false);
        return Results.Empty;
    }

    private async Task<IResult> DeleteAsync(HttpContext context, string stream, string id)
    {
        SdpExchange.AddCors(context.Response, ResourceMethods);
        if (sessions.Find(id) is not WhipSession session || session.Stream != stream)
        {
            return Results.Text("no such session", statusCode: StatusCodes.Status404NotFound);
        }

        await session.StopAsync("deleted by the client").ConfigureAwait(false);
        WebRtcLog.SessionEnded(logger, Protocol, stream, id, session.EndReason ?? "");
        return Results.Ok();
    }
}
