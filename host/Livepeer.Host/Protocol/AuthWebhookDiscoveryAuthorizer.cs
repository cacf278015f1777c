using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Host.Protocol;

/// <summary>
/// go-livepeer's discovery auth webhook on the orchestrator (§3.4, §9.4): <c>POST {"id":"&lt;gateway address&gt;"}</c>
/// to <c>-authWebhookUrl</c>; anything but 200 refuses the gateway; a 200 body may carry
/// <c>{"priceInfo":{"pricePerUnit":…,"pixelsPerUnit":…}}</c>, the price offered to that gateway. Accepted answers
/// are cached for 30 minutes per gateway, as upstream; refusals are not, so a fixed webhook takes effect at once.
/// </summary>
internal sealed class AuthWebhookDiscoveryAuthorizer : IDiscoveryAuthorizer, IDisposable
{
    /// <summary>How long an accepted answer is reused (upstream's discovery auth cache).</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromMinutes(30);

    /// <summary>A webhook answer larger than this is refused.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const int MaxCacheEntries = 10_000;

    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<EthAddress, (DiscoveryAuthorization Answer, DateTimeOffset Expires)> _cache = [];
    private readonly Lock _lock = new();
    private int _calls;

    public AuthWebhookDiscoveryAuthorizer(Uri url, TimeSpan timeout, TimeProvider time, ILogger<AuthWebhookDiscoveryAuthorizer> logger)
    {
        ArgumentNullException.ThrowIfNull(url);
        _url = url;
        _timeout = timeout;
        _time = time;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = timeout, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Webhook calls made (not answered from the cache).</summary>
    public int Calls => Volatile.Read(ref _calls);

    public async ValueTask<DiscoveryAuthorization> AuthorizeAsync(EthAddress gateway, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_cache.TryGetValue(gateway, out var cached) && cached.Expires > now)
            {
                return cached.Answer;
            }
        }

        var answer = await CallAsync(gateway, cancellationToken).ConfigureAwait(false);
        if (!answer.Allowed)
        {
            DiscoveryAuthLog.Refused(_logger, gateway.ToString(), answer.Reason);
            return answer;
        }

        DiscoveryAuthLog.Accepted(_logger, gateway.ToString(), answer.Price is { } p ? $"{p.PricePerUnit}/{p.PixelsPerUnit}" : "none");
        lock (_lock)
        {
            if (_cache.Count >= MaxCacheEntries)
            {
                foreach (var stale in _cache.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
                {
                    _cache.Remove(stale);
                }

                if (_cache.Count >= MaxCacheEntries)
                {
                    _cache.Clear();
                }
            }

            _cache[gateway] = (answer, now + CacheDuration);
        }

        return answer;
    }

    public void Dispose() => _http.Dispose();

    private async Task<DiscoveryAuthorization> CallAsync(EthAddress gateway, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url)
        {
            // Upstream sends the address as hex; which spelling it uses does not matter to a webhook that parses it.
            Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = gateway.ToString() }), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return DiscoveryAuthorization.Refuse($"webhook answered HTTP {(int)response.StatusCode}");
            }

            var body = await ReadBoundedAsync(response.Content, deadline.Token).ConfigureAwait(false);
            return body is null ? DiscoveryAuthorization.Refuse($"webhook answer larger than {MaxBodyBytes} bytes") : Parse(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DiscoveryAuthorization.Refuse($"webhook did not answer within {_timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException e)
        {
            return DiscoveryAuthorization.Refuse("webhook unreachable: " + e.Message);
        }
    }

    // An empty body accepts at the configured price; anything else must be a JSON object.
    internal static DiscoveryAuthorization Parse(byte[] body)
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return DiscoveryAuthorization.Allow(null);
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return DiscoveryAuthorization.Refuse("webhook answer is not a JSON object");
            }

            if (!document.RootElement.TryGetProperty("priceInfo", out var priceInfo) || priceInfo.ValueKind == JsonValueKind.Null)
            {
                return DiscoveryAuthorization.Allow(null);
            }

            if (priceInfo.ValueKind != JsonValueKind.Object ||
                !Int64(priceInfo, "pricePerUnit", out var pricePerUnit) || !Int64(priceInfo, "pixelsPerUnit", out var pixelsPerUnit) ||
                pricePerUnit < 0 || pixelsPerUnit <= 0)
            {
                return DiscoveryAuthorization.Refuse("webhook answer has an invalid priceInfo");
            }

            return DiscoveryAuthorization.Allow(new Price(pricePerUnit, pixelsPerUnit));
        }
        catch (JsonException e)
        {
            return DiscoveryAuthorization.Refuse("webhook answer is not JSON: " + e.Message);
        }
    }

    private static bool Int64(JsonElement element, string name, out long value)
    {
        value = 0;
        return element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Number && property.TryGetInt64(out value);
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
