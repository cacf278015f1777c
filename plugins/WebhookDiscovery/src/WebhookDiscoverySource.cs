using System.Collections.ObjectModel;
using System.Security.Cryptography;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.WebhookDiscovery;

/// <summary>
/// go-livepeer's webhook pool (§5.3): <c>GET</c> the configured URL, read a JSON list of orchestrators, and use it
/// for <see cref="WebhookDiscoveryOptions.RefreshInterval"/>. The webhook is asked again when the interval has
/// passed or when nothing is known; one request at a time, shared by concurrent callers. A failed or malformed
/// answer keeps the last good list; a successful empty answer clears it.
/// </summary>
internal sealed class WebhookDiscoverySource : IDiscoverySource, IDisposable
{
    private const int ReadChunkBytes = 16 * 1024;

    private readonly WebhookDiscoveryOptions _options;
    private readonly Uri _url;
    private readonly string _webhookForLogs;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CandidateList _list = CandidateList.Initial;

    /// <summary>Creates the source.</summary>
    /// <param name="options">Settings with a <see cref="WebhookDiscoveryOptions.Url"/>.</param>
    /// <param name="http">The client to ask the webhook with; its own timeout is not relied on.</param>
    /// <param name="ownsHttp">Whether <see cref="Dispose"/> disposes <paramref name="http"/>.</param>
    /// <param name="time">The clock of the cache and of the request timeout.</param>
    /// <param name="logger">Where refreshes and failures are reported.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> has no URL.</exception>
    public WebhookDiscoverySource(WebhookDiscoveryOptions options, HttpClient http, bool ownsHttp, TimeProvider time, ILogger<WebhookDiscoverySource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _url = options.Url ?? throw new ArgumentException("A webhook URL is required.", nameof(options));
        _options = options;
        _http = http;
        _ownsHttp = ownsHttp;
        _time = time;
        _logger = logger;

        // Scheme, host and path only: a token in the query or user info must not reach the logs.
        _webhookForLogs = _url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
    }

    /// <inheritdoc />
    public string Name => DiscoverySourceNames.Webhook;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var list = _list;
        if (NeedsRefresh(list))
        {
            list = await RefreshAsync(list, cancellationToken).ConfigureAwait(false);
        }

        var candidates = list.Candidates;
        return candidates.Count <= query.MaxCandidates ? candidates : [.. candidates.Take(query.MaxCandidates)];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _refresh.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private bool NeedsRefresh(CandidateList list) =>
        list.LastAttempt is not { } last || list.Candidates.Count == 0 || _time.GetUtcNow() - last >= _options.RefreshInterval;

    private async Task<CandidateList> RefreshAsync(CandidateList seen, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller refreshed while this one waited: use its answer rather than asking again.
            var current = _list;
            if (!ReferenceEquals(current, seen))
            {
                return current;
            }

            var next = await FetchAsync(current, cancellationToken).ConfigureAwait(false);
            _list = next;
            return next;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<CandidateList> FetchAsync(CandidateList current, CancellationToken cancellationToken)
    {
        var attemptedAt = _time.GetUtcNow();
        var kept = current with { LastAttempt = attemptedAt };
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _url);
            foreach (var (name, value) in _options.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Fail(kept, $"it answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
            {
                return Fail(kept, $"its body of {response.Content.Headers.ContentLength} bytes is over the {_options.MaxResponseBytes}-byte limit");
            }

            var body = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
            if (body is null)
            {
                return Fail(kept, $"its body is over the {_options.MaxResponseBytes}-byte limit");
            }

            var hash = SHA256.HashData(body.Value.Span);
            if (current.BodyHash is { } previous && previous.AsSpan().SequenceEqual(hash))
            {
                WebhookDiscoveryLog.Unchanged(_logger, _webhookForLogs, current.Candidates.Count);
                return kept;
            }

            if (!WebhookResponseParser.TryParse(body.Value, _options.MaxEntries, out var entries, out var error))
            {
                return Fail(kept, error);
            }

            var candidates = ToCandidates(entries);
            WebhookDiscoveryLog.Refreshed(_logger, _webhookForLogs, candidates.Count);
            return new CandidateList(candidates, hash, attemptedAt);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return Fail(kept, $"no answer within {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e)
        {
            // Whatever the webhook does (refused connection, reset, corrupt compression, bad redirect) is its
            // failure, not the caller's: discovery keeps what it knew.
            return Fail(kept, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private CandidateList Fail(CandidateList kept, string reason)
    {
        WebhookDiscoveryLog.Failed(_logger, _webhookForLogs, reason, kept.Candidates.Count);
        return kept;
    }

    private async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[ReadChunkBytes];
            while (true)
            {
                var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
                }

                if (buffer.Length + read > _options.MaxResponseBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
    }

    private ReadOnlyCollection<OrchestratorCandidate> ToCandidates(IReadOnlyList<WebhookEntry> entries)
    {
        var candidates = new List<OrchestratorCandidate>();
        var seen = new HashSet<Uri>();
        var skipped = 0;
        string? example = null;
        foreach (var entry in entries)
        {
            if (entry.Address.Length == 0)
            {
                continue; // upstream skips entries without an address silently
            }

            if (!Uri.TryCreate(entry.Address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                skipped++;
                example ??= entry.Address.Length > 100 ? entry.Address[..100] + "…" : entry.Address;
                continue;
            }

            if (seen.Add(uri))
            {
                candidates.Add(new OrchestratorCandidate(uri) { Score = entry.Score });
            }
        }

        if (skipped > 0)
        {
            WebhookDiscoveryLog.InvalidAddresses(_logger, _webhookForLogs, skipped, example!);
        }

        return candidates.AsReadOnly();
    }
}
