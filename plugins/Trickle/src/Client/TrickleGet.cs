namespace Livepeer.Plugins.Trickle.Client;

/// <summary>One subscribe request in flight, <c>GET {channel}/{seq}</c>; sent when created (a pre-connect until its headers arrive).</summary>
internal sealed class TrickleGet
{
    private readonly CancellationTokenSource _cancel = new();

    private TrickleGet(long sequence)
    {
        Sequence = sequence;
    }

    public long Sequence { get; }

    public Task<HttpResponseMessage> Response { get; private set; } = Task.FromException<HttpResponseMessage>(new InvalidOperationException("Not sent."));

    public static TrickleGet Start(HttpMessageInvoker http, Uri channelUrl, long sequence, TrickleClientOptions options)
    {
        var get = new TrickleGet(sequence);
        var request = TrickleHttp.Request(HttpMethod.Get, TrickleHttp.SegmentUri(channelUrl, Core.TrickleSequence.Format(sequence)), options);
        get.Response = SendAsync(http, request, get._cancel.Token);
        return get;
    }

    /// <summary>Cancels the request; a response that still arrives is disposed.</summary>
    public void Abort()
    {
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

    private static async Task<HttpResponseMessage> SendAsync(HttpMessageInvoker http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await TrickleRequests.SendAsync(http, request, cancellationToken).ConfigureAwait(false);
        }
    }
}
