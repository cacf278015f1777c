using Livepeer.Abstractions;
using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Core;
using Livepeer.Plugins.Trickle.InProcess;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>
/// The <see cref="ISegmentChannelClients"/> named <c>trickle</c>: HTTP publishers and subscribers, or — when the
/// URL names a channel this process's own trickle server holds (same scheme, host, port and base path as the
/// node's service address) — the in-process ones on the same <see cref="ChannelRegistry"/>, skipping HTTP.
/// One HTTP handler (connection pool) serves every client it opens; disposing the factory closes it.
/// </summary>
public sealed class TrickleChannelClients : ISegmentChannelClients, IDisposable
{
    private readonly HttpMessageInvoker _http;
    private readonly TrickleClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ChannelRegistry? _local;
    private readonly INodeAddresses? _addresses;

    /// <summary>HTTP-only clients (no local server), e.g. for a gateway or a benchmark.</summary>
    public TrickleChannelClients(TrickleClientOptions options, TimeProvider time, ILogger logger)
        : this(options, time, logger, null, null)
    {
    }

    internal TrickleChannelClients(TrickleClientOptions options, TimeProvider time, ILogger logger, ChannelRegistry? local, INodeAddresses? addresses)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _time = time;
        _logger = logger;
        _local = local;
        _addresses = addresses;
        _http = new HttpMessageInvoker(TrickleHttp.CreateHandler(options));
    }

    /// <inheritdoc />
    public string Name => TrickleSegmentChannels.ExtensionName;

    /// <inheritdoc />
    public ISegmentPublisher OpenPublisher(Uri channelUrl, string mimeType)
    {
        ArgumentNullException.ThrowIfNull(channelUrl);
        ArgumentNullException.ThrowIfNull(mimeType);
        return FindLocal(channelUrl) is { } channel
            ? new InProcessPublisher(channel, _local!)
            : new TricklePublisher(channelUrl, mimeType, _http, _options, _time, _logger);
    }

    /// <inheritdoc />
    public ISegmentSubscriber OpenSubscriber(Uri channelUrl, long startSequence = SegmentChannelInfo.NextSegment)
    {
        ArgumentNullException.ThrowIfNull(channelUrl);
        ArgumentOutOfRangeException.ThrowIfLessThan(startSequence, SegmentChannelInfo.CurrentSegment);
        return FindLocal(channelUrl) is { } channel
            ? new InProcessSubscriber(channel, startSequence, _local!.Counters)
            : new TrickleSubscriber(channelUrl, startSequence, _http, _options, _time, _logger).Start();
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteChannelAsync(Uri channelUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelUrl);
        if (FindLocal(channelUrl) is { } channel)
        {
            return _local!.Delete(channel.Name);
        }

        return await TrickleRequests.DeleteAsync(_http, channelUrl, _options, _logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="channelUrl"/> would be served in process (for tests and diagnostics).</summary>
    public bool IsLocal(Uri channelUrl) => FindLocal(channelUrl) is not null;

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // A channel the local registry holds, reached through this node's advertised service address. A local URL
    // whose channel is missing goes over HTTP, so it fails exactly as a remote one would.
    private TrickleChannel? FindLocal(Uri channelUrl)
    {
        if (_local is null || !channelUrl.IsAbsoluteUri || _addresses?.GetBaseUri(NodeListener.Service) is not { } service)
        {
            return null;
        }

        if (!string.Equals(channelUrl.Scheme, service.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(channelUrl.IdnHost, service.IdnHost, StringComparison.OrdinalIgnoreCase)
            || channelUrl.Port != service.Port)
        {
            return null;
        }

        var basePath = _local.Options.BasePath;
        var path = channelUrl.AbsolutePath;
        if (!path.StartsWith(basePath, StringComparison.Ordinal))
        {
            return null;
        }

        var escaped = path[basePath.Length..].TrimEnd('/');
        if (escaped.Length == 0 || escaped.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        return _local.Find(Uri.UnescapeDataString(escaped));
    }
}
