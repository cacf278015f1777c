using Livepeer.Abstractions.Media;
using Livepeer.Media.Amf;
using Livepeer.Plugins.Rtmp.Media;

namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>One RTMP publish: FLV bodies in, keyframe-aligned MPEG-TS segments out into the hub publication.</summary>
internal sealed class PublishSession(IStreamPublication publication, SessionLimiter limiter, TimeSpan segmentDuration)
{
    private readonly FlvToSegments _segments = new(segmentDuration);
    private long _written;
    private bool _ended;

    public StreamDescriptor Descriptor => publication.Descriptor;

    public long SegmentsWritten => _written;

    public void OnMetadata(AmfObject metadata) => _segments.OnMetadata(metadata);

    public ValueTask OnVideoAsync(uint timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        _segments.OnVideo(timestamp, body);
        return FlushAsync(cancellationToken);
    }

    public ValueTask OnAudioAsync(uint timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        _segments.OnAudio(timestamp, body);
        return FlushAsync(cancellationToken);
    }

    /// <summary>Completes the last segment (when <paramref name="complete"/>) and ends the publication; idempotent.</summary>
    public async ValueTask EndAsync(bool complete)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        try
        {
            if (complete)
            {
                _segments.Complete();
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await publication.DisposeAsync().ConfigureAwait(false);
            limiter.Release();
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_segments.TracksChanged)
        {
            _segments.AcknowledgeTracks();
            publication.Update(publication.Descriptor with { Tracks = _segments.Tracks });
        }

        foreach (var segment in _segments.TakeCompleted())
        {
            var media = new MediaSegment(publication.Descriptor.StreamId, segment.Sequence, segment.Duration, segment.Data)
            {
                StartTime = segment.StartTime,
            };
            await publication.WriteAsync(media, cancellationToken).ConfigureAwait(false);
            _written++;
        }
    }
}
