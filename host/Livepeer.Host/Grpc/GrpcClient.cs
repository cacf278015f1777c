using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Livepeer.Host.Grpc;

/// <summary>
/// A gRPC client on <see cref="HttpClient"/> (no gRPC client package exists here). Every request is
/// HTTP/2 exactly; the status is read from the trailers, or from the headers of a trailers-only answer.
/// </summary>
internal sealed class GrpcClient(HttpClient http, int maxReceiveMessageSize = GrpcProtocol.DefaultMaxReceiveMessageSize)
{
    /// <summary>Calls a unary method.</summary>
    /// <exception cref="GrpcException">The call ended with a non-OK status (UNAVAILABLE when the peer could not be reached).</exception>
    public async Task<TResponse> UnaryAsync<TResponse>(Uri baseUri, string path, IMessage request, MessageParser<TResponse> parser, TimeSpan? timeout, CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        TResponse? result = default;
        var count = 0;
        await foreach (var response in ServerStreamingAsync(baseUri, path, request, parser, timeout, cancellationToken).ConfigureAwait(false))
        {
            result = response;
            count++;
        }

        return count == 1
            ? result!
            : throw new GrpcException(GrpcStatusCode.Internal, $"a unary response must carry exactly one message, got {count}");
    }

    /// <summary>Calls a server-streaming method and yields each response as it arrives.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TResponse>(
        Uri baseUri,
        string path,
        IMessage request,
        MessageParser<TResponse> parser,
        TimeSpan? timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(request);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t)
        {
            deadline.CancelAfter(t);
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path))
        {
            // platform-findings: the version must be set on each message or HttpClient falls back to HTTP/1.1.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcFraming.Frame(request.ToByteArray())),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
        message.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        if (timeout is { } deadlineSpan)
        {
            message.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcProtocol.FormatTimeout(deadlineSpan));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GrpcException(GrpcStatusCode.DeadlineExceeded, "context deadline exceeded");
        }
        catch (HttpRequestException e)
        {
            throw new GrpcException(GrpcStatusCode.Unavailable, e.Message);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new GrpcException(FromHttpStatus(response.StatusCode), $"unexpected HTTP status {(int)response.StatusCode} from {path}");
            }

            // Trailers-only: the status is in the headers and there is no body.
            if (ReadStatus(response.Headers) is { } early)
            {
                ThrowIfNotOk(early.Status, early.Message);
                yield break;
            }

            if (!GrpcProtocol.IsGrpcContentType(response.Content.Headers.ContentType?.MediaType))
            {
                throw new GrpcException(GrpcStatusCode.Unknown, $"unexpected content type '{response.Content.Headers.ContentType}'");
            }

            var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            while (true)
            {
                byte[]? frame;
                try
                {
                    frame = await GrpcFraming.ReadMessageAsync(body, maxReceiveMessageSize, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new GrpcException(GrpcStatusCode.DeadlineExceeded, "context deadline exceeded");
                }
                catch (HttpRequestException e)
                {
                    throw new GrpcException(GrpcStatusCode.Unavailable, e.Message);
                }
                catch (IOException e)
                {
                    throw new GrpcException(GrpcStatusCode.Unavailable, e.Message);
                }

                if (frame is null)
                {
                    break;
                }

                TResponse parsed;
                try
                {
                    parsed = parser.ParseFrom(frame);
                }
                catch (InvalidProtocolBufferException e)
                {
                    throw new GrpcException(GrpcStatusCode.Internal, "grpc: failed to unmarshal the received message: " + e.Message);
                }

                yield return parsed;
            }

            var status = ReadStatus(response.TrailingHeaders)
                ?? throw new GrpcException(GrpcStatusCode.Internal, "server closed the stream without sending trailers");
            ThrowIfNotOk(status.Status, status.Message);
        }
    }

    /// <summary>An HTTP client for talking to orchestrators: HTTP/2, TLS certificates not verified (as go-livepeer), 3 s connect timeout.</summary>
    public static HttpClient CreateHttpClient(Func<System.Security.Cryptography.X509Certificates.X509Certificate2?, bool>? verifyCertificate = null) =>
        new(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(3),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            EnableMultipleHttp2Connections = true,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => verifyCertificate?.Invoke(certificate as System.Security.Cryptography.X509Certificates.X509Certificate2) ?? true },
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    private static (GrpcStatusCode Status, string Message)? ReadStatus(HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcProtocol.StatusHeader, out var values))
        {
            return null;
        }

        var text = values.FirstOrDefault();
        var status = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? (GrpcStatusCode)code
            : GrpcStatusCode.Unknown;
        var message = headers.TryGetValues(GrpcProtocol.MessageHeader, out var messages) ? GrpcProtocol.DecodeMessage(messages.FirstOrDefault()) : "";
        return (status, message);
    }

    private static void ThrowIfNotOk(GrpcStatusCode status, string message)
    {
        if (status != GrpcStatusCode.Ok)
        {
            throw new GrpcException(status, message);
        }
    }

    // PROTOCOL-HTTP2 "HTTP to gRPC status code mapping".
    private static GrpcStatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => GrpcStatusCode.Internal,
        HttpStatusCode.Unauthorized => GrpcStatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => GrpcStatusCode.PermissionDenied,
        HttpStatusCode.NotFound => GrpcStatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };
}
