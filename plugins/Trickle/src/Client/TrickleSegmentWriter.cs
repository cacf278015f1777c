using Livepeer.Abstractions.Channels;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>
/// One segment published over HTTP: bytes go onto the POST body as they are written. Until the first byte is
/// accepted the POST may be retried once (upstream: only if nothing was written); after that a failure or a
/// cancellation abandons the segment (<c>DELETE {channel}/{seq}</c>). Disposing ends the body and waits for
/// the answer; its outcome reaches the publisher (404/closed/repeated failures end it) rather than throwing.
/// </summary>
internal sealed class TrickleSegmentWriter : ISegmentWriter
{
    private readonly TricklePublisher _publisher;
    private TricklePost _post;
    private bool _retried;
    private bool _accepted;
    private bool _done;

    public TrickleSegmentWriter(TricklePublisher publisher, TricklePost post, bool retried)
    {
        _publisher = publisher;
        _post = post;
        _retried = retried;
    }

    public long Sequence => _post.Sequence;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (data.IsEmpty)
        {
            return;
        }

        try
        {
            if (!_accepted && !_retried)
            {
                try
                {
                    if (_post.Response.IsCompleted)
                    {
                        throw new TricklePostRejectedException(Sequence); // answered (refused) before any byte
                    }

                    await _post.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                    _accepted = true;
                    return;
                }
                catch (Exception e) when (IsTransportFailure(e, cancellationToken))
                {
                    _retried = true;
                    _post = await _publisher.RetryAsync(_post, e, cancellationToken).ConfigureAwait(false);
                }
            }

            await _post.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            _accepted = true;
        }
        catch (Exception e) when (e is not SegmentChannelException)
        {
            _done = true;
            if (!IsTransportFailure(e, cancellationToken) && e is not OperationCanceledException)
            {
                throw;
            }

            var cancelled = e is OperationCanceledException && cancellationToken.IsCancellationRequested;
            var failure = await _publisher.AbandonAsync(_post, cancelled ? null : e).ConfigureAwait(false);
            if (failure is null)
            {
                throw;
            }

            throw failure;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        try
        {
            if (!_accepted && !_retried && _post.Response.IsCompleted)
            {
                _post = await _publisher.RetryAsync(_post, null, CancellationToken.None).ConfigureAwait(false);
            }

            using var response = await _post.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            _publisher.Completed(_post, response);
        }
        catch (SegmentChannelException)
        {
            // The publisher has ended (404 or closed); its next BeginSegmentAsync says so.
        }
        catch (Exception e) when (IsTransportFailure(e, CancellationToken.None))
        {
            await _publisher.AbandonAsync(_post, e).ConfigureAwait(false);
        }
    }

    private static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
