using System.Collections.Concurrent;
using Livepeer.Abstractions.Media;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Hls;

/// <summary>
/// Every stream HLS serves. As an <see cref="IStreamObserver"/> it subscribes to a stream's source and profile
/// renditions the moment the stream starts, so playlists begin with its first segment; an ended stream keeps its
/// playlists (with EXT-X-ENDLIST) for <see cref="HlsOptions.EndedRetention"/>, then is freed.
/// </summary>
internal sealed class HlsStreams : IStreamObserver, IDisposable
{
    private readonly ConcurrentDictionary<string, HlsStream> _streams = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly HlsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private string? _current;

    public HlsStreams(HlsOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The stream started most recently (<c>-currentManifest</c>), while it is held.</summary>
    public HlsStream? Current => Volatile.Read(ref _current) is { } id ? Find(id) : null;

    public HlsStream? Find(string streamId) => _streams.TryGetValue(streamId, out var stream) ? stream : null;

    public void OnStreamStarted(StreamDescriptor descriptor, IMediaStreamHub hub)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(hub);
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        IEnumerable<string> names = [StreamDescriptor.SourceRendition, .. descriptor.Profiles.Select(p => p.Name)];
        names = names.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal);
        var stream = new HlsStream(descriptor, hub, names, _options.RetainedSegments, _options.MaxBytesPerStream);

        // A stream that starts again under the same id replaces its ended playlists.
        if (_streams.TryGetValue(descriptor.StreamId, out var previous))
        {
            previous.Dispose();
        }

        _streams[descriptor.StreamId] = stream;
        Volatile.Write(ref _current, descriptor.StreamId);
        HlsLog.StreamTracked(_logger, descriptor.StreamId, stream.Renditions.Count);
        foreach (var rendition in stream.Renditions)
        {
            if (hub.Subscribe(descriptor.StreamId, rendition.Name) is { } subscription)
            {
                stream.ReaderStarted();
                _ = ReadAsync(stream, rendition, subscription);
            }
        }
    }

    // The end of the stream shows as the end of each subscription, after its last segment has been read.
    public void OnStreamEnded(StreamDescriptor descriptor)
    {
    }

    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var stream in _streams.Values)
        {
            stream.Dispose();
        }

        _streams.Clear();

        // The token source stays undisposed: a reader may still be looking at its token.
    }

    private async Task ReadAsync(HlsStream stream, HlsRendition rendition, IStreamSubscription subscription)
    {
        await Task.Yield(); // Observers must not block the publisher.
        try
        {
            await using (subscription.ConfigureAwait(false))
            {
                await foreach (var segment in subscription.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
                {
                    var evicted = stream.Add(rendition, segment);
                    if (evicted > 0)
                    {
                        HlsLog.SegmentsEvicted(_logger, stream.Id, evicted, _options.MaxBytesPerStream);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            HlsLog.ReaderFailed(_logger, stream.Id, rendition.Name, e);
        }

        if (stream.ReaderFinished())
        {
            HlsLog.StreamEnded(_logger, stream.Id, _options.EndedRetention);
            stream.ScheduleFree(_time, _options.EndedRetention, Free);
        }
    }

    private void Free(HlsStream stream)
    {
        if (_streams.TryRemove(new KeyValuePair<string, HlsStream>(stream.Id, stream)))
        {
            stream.Dispose();
            HlsLog.StreamFreed(_logger, stream.Id);
        }
    }
}
