using Google.Protobuf;
using Microsoft.AspNetCore.Http.Features;

namespace Livepeer.Host.Grpc;

/// <summary>
/// Runs one gRPC call on Kestrel (grpc/doc/PROTOCOL-HTTP2.md): validates the request, applies the
/// <c>grpc-timeout</c> deadline, reads exactly one request message, runs the handler and answers with
/// messages and <c>grpc-status</c>/<c>grpc-message</c> trailers, or a trailers-only response for an error
/// before the first message.
/// </summary>
internal static partial class GrpcCallHandler
{
    public static async Task HandleAsync<TRequest>(
        HttpContext context,
        MessageParser<TRequest> parser,
        GrpcServerOptions options,
        TimeProvider time,
        Func<TRequest, GrpcServerCallContext, Func<IMessage, Task>, Task> handler,
        bool flushEachMessage)
        where TRequest : IMessage<TRequest>
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        // PROTOCOL-HTTP2: a non-gRPC content type SHOULD get HTTP 415.
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.Response.WriteAsync("gRPC requires content-type application/grpc", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            context.Response.Headers.Upgrade = "h2";
            return;
        }

        if (!string.Equals(request.Headers.TE, "trailers", StringComparison.OrdinalIgnoreCase))
        {
            await WriteTrailersOnlyAsync(context, GrpcStatusCode.Internal, "te: trailers header is required").ConfigureAwait(false);
            return;
        }

        DateTimeOffset? deadline = null;
        using var deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (request.Headers.TryGetValue(GrpcProtocol.TimeoutHeader, out var timeoutText))
        {
            if (!GrpcProtocol.TryParseTimeout(timeoutText, out var timeout))
            {
                await WriteTrailersOnlyAsync(context, GrpcStatusCode.Internal, $"malformed grpc-timeout '{timeoutText}'").ConfigureAwait(false);
                return;
            }

            deadline = time.GetUtcNow() + timeout;
            deadlineSource.CancelAfter(timeout);
        }

        var started = false;
        try
        {
            var message = await GrpcFraming.ReadMessageAsync(request.Body, options.MaxReceiveMessageSize, deadlineSource.Token).ConfigureAwait(false)
                ?? throw new GrpcException(GrpcStatusCode.Internal, "the request has no message");
            if (await GrpcFraming.ReadMessageAsync(request.Body, options.MaxReceiveMessageSize, deadlineSource.Token).ConfigureAwait(false) is not null)
            {
                throw new GrpcException(GrpcStatusCode.Internal, "a unary request must carry exactly one message");
            }

            TRequest parsed;
            try
            {
                parsed = parser.ParseFrom(message);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new GrpcException(GrpcStatusCode.Internal, "grpc: error unmarshalling request: " + e.Message);
            }

            var call = new GrpcServerCallContext(context, deadlineSource.Token, deadline);
            await handler(parsed, call, async response =>
            {
                if (!started)
                {
                    started = true;
                    StartResponse(context);
                }

                await context.Response.Body.WriteAsync(GrpcFraming.Frame(response.ToByteArray()), deadlineSource.Token).ConfigureAwait(false);

                // A unary answer goes out with its trailers in one flush at the end; a stream's messages go out as written.
                if (flushEachMessage)
                {
                    await context.Response.Body.FlushAsync(deadlineSource.Token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

            await FinishAsync(context, started, GrpcStatusCode.Ok, null).ConfigureAwait(false);
        }
        catch (GrpcException e)
        {
            await FinishAsync(context, started, e.Status, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (RST_STREAM): nobody is left to answer.
        }
        catch (OperationCanceledException) when (deadlineSource.IsCancellationRequested)
        {
            await FinishAsync(context, started, GrpcStatusCode.DeadlineExceeded, "context deadline exceeded").ConfigureAwait(false);
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // go-livepeer's handlers return plain errors, which grpc-go sends as Unknown with the text.
            LogHandlerFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GrpcCallHandler)), request.Path, e);
            await FinishAsync(context, started, GrpcStatusCode.Unknown, e.Message).ConfigureAwait(false);
        }
    }

    /// <summary>Answers an unknown method (grpc: UNIMPLEMENTED, trailers-only).</summary>
    public static Task WriteUnimplementedAsync(HttpContext context) =>
        WriteTrailersOnlyAsync(context, GrpcStatusCode.Unimplemented, $"unknown method {context.Request.Path}");

    private static void StartResponse(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = GrpcProtocol.ContentType;
        context.Response.Headers[GrpcProtocol.EncodingHeader] = "identity";
    }

    private static async Task FinishAsync(HttpContext context, bool started, GrpcStatusCode status, string? message)
    {
        if (!started)
        {
            await WriteTrailersOnlyAsync(context, status, message).ConfigureAwait(false);
            return;
        }

        if (context.Response.SupportsTrailers())
        {
            context.Response.AppendTrailer(GrpcProtocol.StatusHeader, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(message))
            {
                context.Response.AppendTrailer(GrpcProtocol.MessageHeader, GrpcProtocol.EncodeMessage(message));
            }
        }
    }

    private static Task WriteTrailersOnlyAsync(HttpContext context, GrpcStatusCode status, string? message)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = GrpcProtocol.ContentType;
        context.Response.Headers[GrpcProtocol.StatusHeader] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(message))
        {
            context.Response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(message);
        }

        // Ends the stream with END_STREAM on the HEADERS frame: a trailers-only response.
        return context.Features.Get<IHttpResponseBodyFeature>()?.CompleteAsync() ?? Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "gRPC method {Path} failed")]
    private static partial void LogHandlerFailed(ILogger logger, PathString path, Exception exception);
}
