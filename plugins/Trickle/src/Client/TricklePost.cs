using Livepeer.Plugins.Trickle.Server;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>
/// One publish request in flight (upstream <c>pendingPost</c>): <c>POST {channel}/{seq}</c> sent as soon as it
/// is created, its body streamed by <see cref="WriteAsync"/> and ended by <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class TricklePost
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly StreamingBodyContent _body = new();

    private TricklePost(long sequence)
    {
        Sequence = sequence;
    }

    public long Sequence { get; }

    /// <summary>The response; it may complete before the body does (the server refused the segment early).</summary>
    public Task<HttpResponseMessage> Response { get; private set; } = Task.FromException<HttpResponseMessage>(new InvalidOperationException("Not sent."));

    public static TricklePost Start(HttpMessageInvoker http, Uri channelUrl, long sequence, string mimeType, bool reset, TrickleClientOptions options)
    {
        var post = new TricklePost(sequence);
        var request = TrickleHttp.Request(HttpMethod.Post, TrickleHttp.SegmentUri(channelUrl, Core.TrickleSequence.Format(sequence)), options);
        request.Content = post._body;
        request.Content.Headers.TryAddWithoutValidation("Content-Type", mimeType);
        if (reset)
        {
            request.Headers.TryAddWithoutValidation(TrickleHeaders.Reset, "1");
        }

        // The request is not disposed: its body may still stream after the response headers arrive.
        post.Response = TrickleRequests.SendAsync(http, request, post._cancel.Token);
        return post;
    }

    /// <summary>Writes and flushes bytes of the body.</summary>
    /// <exception cref="TricklePostRejectedException">The request ended before the body could be written.</exception>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var stream = await RequestStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException e)
        {
            // The handler disposes the request stream of an HTTP/2 request the server reset.
            throw new IOException($"The publish of segment {Sequence} ended while its body was written.", e);
        }
    }

    /// <summary>Ends the body and waits for the response.</summary>
    public async Task<HttpResponseMessage> CompleteAsync(CancellationToken cancellationToken)
    {
        if (!Response.IsCompleted)
        {
            // The body may only end once its stream exists (an empty segment is a POST whose body ends at once).
            await RequestStreamAsync(cancellationToken).ConfigureAwait(false);
        }

        _body.Complete();
        return await Response.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels the request; a response that still arrives is disposed.</summary>
    public void Abort()
    {
        _body.Abort();
        _cancel.Cancel();
        _ = Response.ContinueWith(static t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                t.GetAwaiter().GetResult().Dispose();
            }

            return t.Exception;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async ValueTask<Stream> RequestStreamAsync(CancellationToken cancellationToken)
    {
        var streamTask = _body.RequestStream;
        if (!streamTask.IsCompleted)
        {
            await Task.WhenAny(streamTask, Response).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!streamTask.IsCompletedSuccessfully)
        {
            throw new TricklePostRejectedException(Sequence);
        }

        return await streamTask.ConfigureAwait(false);
    }
}
