using System.Net;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>
/// A request body written as the caller produces it (chunked on HTTP/1.1, DATA frames on HTTP/2; no length,
/// no buffering): the request headers go out at once, so an idle body is a pre-connect, and the handler's
/// request stream is handed to the writer until <see cref="Complete"/>.
/// </summary>
internal sealed class StreamingBodyContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The request stream, once the headers are sent.</summary>
    public Task<Stream> RequestStream => _stream.Task;

    /// <summary>Ends the body.</summary>
    public void Complete() => _done.TrySetResult();

    /// <summary>Abandons the body (the request is being cancelled).</summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _done.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream.TrySetResult(stream);
        using var registration = cancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetCanceled(), _done);
        await _done.Task.ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
