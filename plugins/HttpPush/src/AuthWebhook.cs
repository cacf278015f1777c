using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.HttpPush;

/// <summary>
/// The stream authentication webhook (reference §9.4): <c>POST {"url": "&lt;request URL&gt;"}</c>; only a 200
/// admits the stream. A failure to reach it refuses the stream too, as upstream does.
/// </summary>
internal sealed class AuthWebhook : IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _url;
    private readonly ILogger _logger;

    public AuthWebhook(Uri url, TimeSpan timeout, ILogger logger)
    {
        _url = url;
        _logger = logger;
        _client = new HttpClient { Timeout = timeout };
    }

    public async Task<bool> AdmitsAsync(Uri requestUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.PostAsJsonAsync(_url, new AuthRequest(requestUrl.ToString()), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                return true;
            }

            HttpPushLog.AuthRefused(_logger, requestUrl.AbsolutePath, (int)response.StatusCode);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            HttpPushLog.AuthFailed(_logger, requestUrl.AbsolutePath, e);
            return false;
        }
    }

    public void Dispose() => _client.Dispose();

    private sealed record AuthRequest([property: System.Text.Json.Serialization.JsonPropertyName("url")] string Url);
}
