using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Media;
using Livepeer.Media.MpegTs;
using Livepeer.Plugins.WebRtc.Sessions;
using Livepeer.Plugins.WebRtc.Whip;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.WebRtc.Whep;

/// <summary>
/// WHEP on the gateway's HTTP port: <c>POST /live/video-to-video/{stream}/whep</c> (upstream's route; <c>{stream}-out</c>
/// and <c>{stream}-{requestId}-out</c> are accepted too), <c>POST /whep/{stream}</c> and <c>POST /process/stream/{stream}/whep</c>
/// (the BYOC gateway's <c>whep_url</c>). The request waits, bounded by
/// <see cref="WebRtcOptions.WhepOutputTimeout"/>, until the stream's output has a segment; the session resource
/// (POST URL + <c>/{id}</c>) takes DELETE.
/// </summary>
internal sealed class WhepEndpoints(
    IWebRtcStack? stack,
    StreamOutputs outputs,
    WebRtcSessions sessions,
    WebRtcOptions options,
    TimeProvider time,
    ILogger logger) : IEndpointContributor
{
    /// <summary>The egress name.</summary>
    public const string Protocol = "whep";

    private const string PostMethods = "POST, OPTIONS";
    private const string ResourceMethods = "DELETE, OPTIONS";

    public NodeListener Listener => NodeListener.Gateway;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var prefix in new[] { "/live/video-to-video/{stream}/whep", "/whep/{stream}", "/process/stream/{stream}/whep" })
        {
            endpoints.MapPost(prefix, (HttpContext context, string stream) => PostAsync(context, StreamName(stream)));
            endpoints.MapMethods(prefix, [HttpMethods.Options], (HttpContext context) => WhipEndpoints.Preflight(context, PostMethods));
            endpoints.MapMethods(prefix, [HttpMethods.Head, HttpMethods.Get, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], (HttpContext context) => WhipEndpoints.NotAllowed(context, PostMethods));
            endpoints.MapDelete(prefix + "/{id}", (HttpContext context, string stream, string id) => DeleteAsync(context, StreamName(stream), id));
            endpoints.MapMethods(prefix + "/{id}", [HttpMethods.Options], (HttpContext context) => WhipEndpoints.Preflight(context, ResourceMethods));
            endpoints.MapMethods(prefix + "/{id}", [HttpMethods.Patch, HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put], (HttpContext context) => WhipEndpoints.NotAllowed(context, ResourceMethods));
        }
    }

    /// <summary>
    /// The stream a WHEP path names: upstream players ask for <c>{stream}-out</c> or <c>{stream}-{requestId}-out</c>;
    /// both mean the output of <c>{stream}</c> here (the request id is not checked: one pipeline per stream).
    /// </summary>
    internal static string StreamName(string path)
    {
        if (!path.EndsWith(StreamOutputs.OutputSuffix, StringComparison.Ordinal))
        {
            return path;
        }

        var parts = path.Split('-');
        return parts.Length == 3 ? parts[0] : path[..^StreamOutputs.OutputSuffix.Length];
    }

    /// <summary>Whether the codecs of an output's tracks can be sent: H.264 video, Opus audio.</summary>
    internal static (bool Video, bool Audio) Playable(IReadOnlyList<TsTrack> tracks) =>
        (tracks.Any(t => t.Codec == TsCodec.H264), tracks.Any(t => t.Codec == TsCodec.Opus));

    /// <summary>The tracks a segment's PMT lists.</summary>
    internal static IReadOnlyList<TsTrack> TracksOf(ReadOnlyMemory<byte> segment)
    {
        var demuxer = new TsDemuxer();
        try
        {
            demuxer.Push(segment.Span);
        }
        catch (MediaFormatException)
        {
            // tracks seen before the damage still count
        }

        return demuxer.Tracks;
    }

    private async Task<IResult> PostAsync(HttpContext context, string stream)
    {
        SdpExchange.AddCors(context.Response, PostMethods);
        if (!SdpExchange.IsValidStreamName(stream))
        {
            return Results.Text("Malformed stream ID", statusCode: StatusCodes.Status404NotFound);
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

        var output = await outputs.WaitForOutputAsync(stream, options.WhepOutputTimeout, time, context.RequestAborted).ConfigureAwait(false);
        if (output is null || outputs.Latest(output) is not { } first)
        {
            return Results.Text($"stream '{stream}' has no output", statusCode: StatusCodes.Status404NotFound);
        }

        if (!sessions.TryReserveViewer(stream, options.MaxViewersPerStream))
        {
            return Results.Text("Too many viewers for this stream", statusCode: StatusCodes.Status429TooManyRequests);
        }

        var reserved = true;
        var subscription = outputs.Hub?.Subscribe(output);
        try
        {
            if (subscription is null)
            {
                return Results.Text($"stream '{stream}' has no output", statusCode: StatusCodes.Status404NotFound);
            }

            var (video, audio) = Playable(TracksOf(first.Data));
            if (!video && !audio)
            {
                return Results.Text("the stream has no H.264 or Opus track", statusCode: StatusCodes.Status400BadRequest);
            }

            IWhepPeer peer;
            try
            {
                peer = stack.AcceptViewer(offer!, video, audio);
            }
            catch (OfferRejectedException e)
            {
                WebRtcLog.OfferRejected(logger, Protocol, stream, e.Message);
                return Results.Text(e.Message, statusCode: StatusCodes.Status400BadRequest);
            }

            var session = new WhepSession(WebRtcSessions.NewId(), stream, peer, first, subscription, outputs, sessions, options, time);
            reserved = false;
            subscription = null; // the session owns both now
            sessions.Add(session);
            WebRtcLog.SessionStarted(logger, Protocol, stream, session.Id);
            await SdpExchange.WriteAnswerAsync(context, peer.AnswerSdp, SdpExchange.ResourceUrl(context.Request, session.Id), options.IceServers, null).ConfigureAwait(false);
            return Results.Empty;
        }
        finally
        {
            if (reserved)
            {
                sessions.ReleaseViewer(stream);
            }

            if (subscription is not null)
            {
                await subscription.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<IResult> DeleteAsync(HttpContext context, string stream, string id)
    {
        SdpExchange.AddCors(context.Response, ResourceMethods);
        if (sessions.Find(id) is not WhepSession session || session.Stream != stream)
        {
            return Results.Text("no such session", statusCode: StatusCodes.Status404NotFound);
        }

        await session.StopAsync("deleted by the client").ConfigureAwait(false);
        WebRtcLog.SessionEnded(logger, Protocol, stream, id, session.EndReason ?? "");
        return Results.Ok();
    }
}
