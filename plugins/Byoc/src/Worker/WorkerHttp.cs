using System.Net.Http.Headers;
using System.Text;

namespace Livepeer.Plugins.Byoc.Worker;

/// <summary>
/// The one HTTP client the orchestrator uses for every worker (pooled connections, no global timeout:
/// each call carries the job's <c>timeout_seconds</c>). Worker certificates are not checked, as upstream's
/// client does (<c>InsecureSkipVerify</c>; workers often run with self-signed certificates).
/// </summary>
internal sealed class WorkerHttp : IDisposable
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly HttpClient _client;

    public WorkerHttp()
        : this(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
        })
    {
    }

    public WorkerHttp(HttpMessageHandler handler)
    {
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Joins a registered base URL and a path without doubling or losing the slash (pytrickle URLs may end in <c>/api</c> or <c>/</c>).</summary>
    public static Uri Join(Uri baseUrl, string path)
    {
        var root = baseUrl.ToString().TrimEnd('/');
        return new Uri(path.Length == 0 ? root : root + "/" + path.TrimStart('/'));
    }

    /// <summary>Sends a request and returns the response once its headers arrived; the caller disposes it.</summary>
    /// <exception cref="WorkerUnavailableException">Not reachable, or no answer within <paramref name="timeout"/>.</exception>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WorkerUnavailableException($"The worker did not answer {request.RequestUri?.AbsolutePath} within {timeout.TotalSeconds:0.###} s", timedOut: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new WorkerUnavailableException($"The worker could not be reached: {e.Message}", timedOut: false, e);
        }
    }

    /// <summary>A JSON POST whose answer only matters by its status; an error status becomes a <see cref="WorkerCallException"/>.</summary>
    public async Task PostAsync(Uri url, string streamId, string? body, string? contentType, string? token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.TryAddWithoutValidation(Abstractions.Byoc.ByocHeaders.StreamId, streamId);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }

        using var response = await SendAsync(request, token, timeout, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode >= 400)
        {
            throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads at most 64 KiB of an error answer into a <see cref="WorkerCallException"/>.</summary>
    public static async Task<WorkerCallException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = "";
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxErrorBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            text = Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (HttpRequestException)
        {
            // The status is what matters; a body cut short is passed on as far as it came.
        }

        return new WorkerCallException((int)response.StatusCode, text, response.Content.Headers.ContentType?.ToString());
    }

    public void Dispose() => _client.Dispose();
}
