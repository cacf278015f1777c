using System.Net;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>The short requests of the clients.</summary>
internal static class TrickleRequests
{
    /// <summary>Sends and returns once the headers arrived (the body is streamed).</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpMessageInvoker http, HttpRequestMessage request, CancellationToken cancellationToken) =>
        http is HttpClient client
            ? client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            : http.SendAsync(request, cancellationToken);

    /// <summary><c>DELETE</c> of a channel or segment, best effort: true on 200, false on any other answer or failure.</summary>
    public static async Task<bool> DeleteAsync(HttpMessageInvoker http, Uri uri, TrickleClientOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var request = TrickleHttp.Request(HttpMethod.Delete, uri, options);
            using var response = await SendAsync(http, request, timeout.Token).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            TrickleClientLog.RequestFailed(logger, "DELETE", uri, e);
            return false;
        }
    }
}
