using System.Collections.Concurrent;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Media;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.HttpPush;

/// <summary>
/// The pushed streams by manifest id. A stream is created by its first segment (auth webhook, then
/// <c>-maxSessions</c>, then the hub) and ends after <see cref="HttpPushOptions.IdleTimeout"/> without a push.
/// </summary>
internal sealed class PushSessions : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Task<PushSession>> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _admission = new(1, 1);
    private readonly IMediaStreamHub _hub;
    private readonly NodeSettings _settings;
    private readonly HttpPushOptions _options;
    private readonly TimeProvider _time;
    private readonly AuthWebhook? _webhook;
    private readonly ILogger _logger;

    public PushSessions(IMediaStreamHub hub, NodeSettings settings, HttpPushOptions options, TimeProvider time, AuthWebhook? webhook, ILogger logger)
    {
        _hub = hub;
        _settings = settings;
        _options = options;
        _time = time;
        _webhook = webhook;
        _logger = logger;
    }

    /// <summary>The live session of <paramref name="manifestId"/>, creating the stream on its first segment.</summary>
    /// <exception cref="PushRefusedException">The stream may not start (403, 409, 503).</exception>
    public Task<PushSession> GetOrStartAsync(string manifestId, Uri requestUrl)
    {
        var pending = _sessions.GetOrAdd(manifestId, id => StartAsync(id, requestUrl));
        if (pending.IsFaulted || pending.IsCanceled)
        {
            // A refused start is not remembered: the next push asks again.
            _sessions.TryRemove(new KeyValuePair<string, Task<PushSession>>(manifestId, pending));
        }
        else if (!pending.IsCompleted)
        {
            _ = pending.ContinueWith(
                t => _sessions.TryRemove(new KeyValuePair<string, Task<PushSession>>(manifestId, t)),
                CancellationToken.None,
                TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return pending;
    }

    /// <summary>Forgets a session that turned out to have ended, so the next push starts a new one.</summary>
    public void Forget(PushSession session) => Remove(session);

    public async ValueTask DisposeAsync()
    {
        foreach (var pending in _sessions.Values)
        {
            if (pending.IsCompletedSuccessfully)
            {
                await (await pending.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
        }

        _sessions.Clear();
        _webhook?.Dispose();
    }

    private async Task<PushSession> StartAsync(string manifestId, Uri requestUrl)
    {
        await Task.Yield(); // leave GetOrAdd before doing any work
        if (_webhook is not null && !await _webhook.AdmitsAsync(requestUrl, CancellationToken.None).ConfigureAwait(false))
        {
            throw new PushRefusedException(403, "authentication denied");
        }

        await _admission.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_hub.ActiveStreams.Count >= _settings.MaxSessions)
            {
                HttpPushLog.SessionLimit(_logger, manifestId, _settings.MaxSessions);
                throw new PushRefusedException(503, "No sessions available");
            }

            var descriptor = new StreamDescriptor(manifestId, HttpPushIngest.IngestName)
            {
                Profiles = _settings.TranscodingProfiles,
                Properties = new Dictionary<string, string> { ["url"] = requestUrl.ToString() },
            };
            IStreamPublication publication;
            try
            {
                publication = await _hub.PublishAsync(descriptor, CancellationToken.None).ConfigureAwait(false);
            }
            catch (StreamConflictException)
            {
                throw new PushRefusedException(409, $"stream {manifestId} is being published by another ingest");
            }

            HttpPushLog.StreamStarted(_logger, manifestId);
            return new PushSession(publication, _time, _options.IdleTimeout, OnIdle);
        }
        finally
        {
            _admission.Release();
        }
    }

    private void OnIdle(PushSession session)
    {
        HttpPushLog.StreamIdle(_logger, session.StreamId, _options.IdleTimeout);
        Remove(session);
        _ = session.DisposeAsync().AsTask();
    }

    private void Remove(PushSession session)
    {
        if (_sessions.TryGetValue(session.StreamId, out var pending) && pending.IsCompletedSuccessfully && ReferenceEquals(pending.GetAwaiter().GetResult(), session))
        {
            _sessions.TryRemove(new KeyValuePair<string, Task<PushSession>>(session.StreamId, pending));
        }
    }
}
