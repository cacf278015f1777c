using System.Net.Http.Headers;
using System.Text;
using Livepeer.Abstractions.Byoc;

namespace Livepeer.Plugins.Byoc.Gateway.Orchestrators;

/// <summary>An orchestrator's answer, its body read up to a limit.</summary>
internal sealed record OrchestratorAnswer(int StatusCode, string? ContentType, string Body, HttpResponseHeaders Headers)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The answer as one line for logs and statuses: <c>"503: No capacity available"</c>.</summary>
    public string Describe() => $"{StatusCode}: {Trim(Body)}";

    internal static string Trim(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}

/// <summary>The orchestrator could not be reached, or did not answer in time.</summary>
internal sealed class OrchestratorUnavailableException : Exception
{
    public OrchestratorUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OrchestratorUnavailableException(string message)
        : base(message)
    {
    }

    public OrchestratorUnavailableException()
    {
    }
}

/// <summary>
/// The gateway's HTTP calls to orchestrators (protocols §0.5): one connection pool, certificates not verified unless
/// configured (go-livepeer's gateways never verify them), a 2 s connect timeout, a deadline per call. Network
/// deadlines are wall-clock time on purpose; protocol timers use the injected clock.
/// </summary>
internal sealed class OrchestratorClient : IDisposable
{
    /// <summary>The most of an orchestrator's answer kept (stop, update, payment and error bodies).</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private readonly HttpClient _http;
    private readonly JobSigner _signer;

    public OrchestratorClient(JobSigner signer, bool insecureSkipVerify)
    {
        _signer = signer;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AllowAutoRedirect = false,
        };
        if (insecureSkipVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public JobSigner Signer => _signer;

    /// <summary><paramref name="path"/> under the orchestrator's service URI (kept when it has a path of its own).</summary>
    public static Uri Endpoint(Uri orchestrator, string path) => new(orchestrator.ToString().TrimEnd('/') + "/" + path.TrimStart('/'));

    /// <summary><c>GET /process/token</c> for <paramref name="capability"/>.</summary>
    /// <exception cref="OrchestratorUnavailableException">Unreachable, too slow, not 200, or not a token.</exception>
    public async Task<OrchestratorToken> GetTokenAsync(Uri orchestrator, string capability, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint(orchestrator, "process/token"));
        request.Headers.TryAddWithoutValidation(ByocHeaders.EthAddress, _signer.TokenCredentials);
        request.Headers.TryAddWithoutValidation(ByocHeaders.Capability, capability);
        var answer = await SendAsync(request, timeout, cancellationToken).ConfigureAwait(false);
        if (answer.StatusCode != 200)
        {
            throw new OrchestratorUnavailableException($"token refused ({answer.Describe()})");
        }

        try
        {
            return OrchestratorToken.Parse(orchestrator, Encoding.UTF8.GetBytes(answer.Body));
        }
        catch (FormatException e)
        {
            throw new OrchestratorUnavailableException("token unreadable: " + e.Message, e);
        }
    }

    /// <summary>A POST with the <c>Livepeer</c> job header (and a payment); the answer whatever its status.</summary>
    /// <exception cref="OrchestratorUnavailableException">Unreachable or no answer before <paramref name="timeout"/>.</exception>
    public Task<OrchestratorAnswer> PostAsync(Uri orchestrator, string path, string job, string? payment, byte[] body, string contentType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = Request(orchestrator, path, job, payment, body, contentType);
        return SendDisposingAsync(request, timeout, cancellationToken);
    }

    /// <summary>A batch job: the answer's headers once they arrive; the caller reads the body as it streams and disposes it.</summary>
    /// <exception cref="OrchestratorUnavailableException">Unreachable or no headers before <paramref name="timeout"/>.</exception>
    public async Task<HttpResponseMessage> SendJobAsync(Uri orchestrator, string path, string job, string? payment, byte[] body, string? contentType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = Request(orchestrator, path, job, payment, body, contentType);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw Unavailable(request, e);
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(Uri orchestrator, string path, string job, string? payment, byte[] body, string? contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(orchestrator, path)) { Content = new ByteArrayContent(body) };
        if (contentType is { Length: > 0 } && MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            request.Content.Headers.ContentType = type;
        }

        request.Headers.TryAddWithoutValidation(ByocHeaders.Job, job);
        if (payment is { Length: > 0 })
        {
            request.Headers.TryAddWithoutValidation(ByocHeaders.Payment, payment);
        }

        return request;
    }

    private async Task<OrchestratorAnswer> SendDisposingAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await SendAsync(request, timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<OrchestratorAnswer> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var body = await ReadBoundedAsync(response.Content, deadline.Token).ConfigureAwait(false);
            return new OrchestratorAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, response.Headers);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            throw Unavailable(request, e);
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[Math.Min(MaxAnswerBytes, 16 * 1024)];
        using var all = new MemoryStream();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var keep = (int)Math.Min(read, MaxAnswerBytes - all.Length);
            all.Write(buffer, 0, keep);
            if (all.Length >= MaxAnswerBytes)
            {
                break; // the rest is not needed: answers here are statuses and short messages
            }
        }

        return Encoding.UTF8.GetString(all.GetBuffer(), 0, (int)all.Length);
    }

    private static bool IsUnavailable(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static OrchestratorUnavailableException Unavailable(HttpRequestMessage request, Exception e) =>
        new(e is OperationCanceledException ? $"{request.Method} {request.RequestUri} timed out" : $"{request.Method} {request.RequestUri} failed: {e.Message}", e);
}
