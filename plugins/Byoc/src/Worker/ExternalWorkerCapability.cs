using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Abstractions.Byoc;

namespace Livepeer.Plugins.Byoc.Worker;

/// <summary>
/// A capability served by an external worker over HTTP (the public worker contract, clients-and-workers
/// §2.1): <c>POST {url}/stream/start|params|stop</c> with <c>X-Stream-Id</c>, batch <c>POST {url}/{route}</c>,
/// and <c>Authorization: Bearer {token}</c> when the worker registered a token. Its capacity is enforced
/// by the registry, which reserves a place before any call reaches the worker.
/// </summary>
internal sealed class ExternalWorkerCapability(ByocCapabilityInfo info, Uri url, string? token, WorkerHttp http) : IByocCapability
{
    public string Name => Info.Name;

    public ByocCapabilityInfo Info { get; } = info;

    public Uri Url { get; } = url;

    public string? Token { get; } = token;

    /// <summary>Sends the client's body to <c>{url}/{route}</c> and passes back whatever the worker answers (JSON, SSE or else).</summary>
    public async ValueTask<ByocJobResponse> ProcessJobAsync(ByocJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new HttpRequestMessage(HttpMethod.Post, WorkerHttp.Join(Url, request.Route))
        {
            Content = new StreamContent(request.Body),
        };
        if (request.ContentType is { Length: > 0 } type && MediaTypeHeaderValue.TryParse(type, out var parsed))
        {
            message.Content.Headers.ContentType = parsed;
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, Token, request.Timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            message.Dispose();
        }

        if ((int)response.StatusCode == 401)
        {
            using (response)
            {
                throw await WorkerHttp.ErrorAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (response.Headers.TryGetValues(ByocHeaders.Metadata, out var metadata))
        {
            headers[ByocHeaders.Metadata] = string.Join(",", metadata);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return new ByocJobResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), new ResponseStream(body, response))
        {
            Headers = headers,
        };
    }

    /// <summary>Calls <c>/stream/start</c> with the channel URLs merged over the client's start body.</summary>
    public async ValueTask<IByocStreamSession> StartStreamAsync(ByocStreamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = StartBody(request);
        await http.PostAsync(WorkerHttp.Join(Url, "stream/start"), request.StreamId, body, "application/json", Token, request.Timeout, cancellationToken).ConfigureAwait(false);
        return new ExternalStreamSession(this, request.StreamId, request.Timeout, http);
    }

    /// <summary>
    /// The worker's start body: every top-level key of the client's body, then <c>gateway_request_id</c> and
    /// the channel URLs (ours win), the optional ones only when their channel exists.
    /// </summary>
    public static string StartBody(ByocStreamRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonNode.Parse(request.StartBodyJson) as JsonObject ?? [];
        body["gateway_request_id"] = request.StreamId;
        var channels = request.Channels;
        body["control_url"] = channels.Control.Url.ToString();
        body["events_url"] = channels.Events.Url.ToString();
        if (channels.Subscribe is { } subscribe)
        {
            body["subscribe_url"] = subscribe.Url.ToString();
        }

        if (channels.Publish is { } publish)
        {
            body["publish_url"] = publish.Url.ToString();
        }

        if (channels.Data is { } data)
        {
            body["data_url"] = data.Url.ToString();
        }

        return body.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>The worker's body stream, which also disposes the response holding the connection.</summary>
    private sealed class ResponseStream(Stream inner, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
