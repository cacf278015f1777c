using System.Globalization;
using System.Text;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;

namespace MyPlugin;

/// <summary>
/// An in-process BYOC capability. A batch job reverses its UTF-8 text body (by user-perceived characters, so
/// accents and emoji survive). A stream copies its input channel (<c>Subscribe</c>) to its output channel
/// (<c>Publish</c>) segment by segment until it is stopped, and reports what happens on its events channel.
/// </summary>
public sealed class MyPluginCapability : IByocCapability
{
    /// <summary>The setting holding the number of concurrent streams.</summary>
    public const string CapacityKey = "Capacity";

    /// <summary>The setting holding the price of one second of compute, in wei.</summary>
    public const string PricePerSecondKey = "PricePerSecond";

    /// <summary>The capacity when the setting is absent.</summary>
    public const int DefaultCapacity = 2;

    /// <summary>The largest job body accepted.</summary>
    public const int MaxJobBytes = 1024 * 1024;

    private readonly ISegmentChannels? _channels;
    private readonly Lock _lock = new();
    private int _running;

    /// <summary>
    /// Creates the capability. Streams run on <paramref name="channels"/> (the node's segment channels, from the
    /// trickle plugin); without them batch jobs still work and starting a stream fails with a clear error.
    /// </summary>
    public MyPluginCapability(ByocCapabilityInfo info, ISegmentChannels? channels)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
        _channels = channels;
    }

    /// <inheritdoc />
    public string Name => Info.Name;

    /// <inheritdoc />
    public ByocCapabilityInfo Info { get; }

    /// <summary>Reverses <paramref name="text"/> by text elements (grapheme clusters).</summary>
    public static string Reverse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        elements.Reverse();
        return string.Concat(elements);
    }

    /// <inheritdoc />
    public async ValueTask<ByocJobResponse> ProcessJobAsync(ByocJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > MaxJobBytes)
            {
                return Text(413, $"The body is larger than {MaxJobBytes} bytes.");
            }

            body.Write(buffer, 0, read);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body.GetBuffer(), 0, (int)body.Length);
        }
        catch (DecoderFallbackException)
        {
            return Text(400, "The body is not UTF-8 text.");
        }

        return Text(200, Reverse(text));
    }

    /// <inheritdoc />
    public ValueTask<IByocStreamSession> StartStreamAsync(ByocStreamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var channels = _channels ?? throw new InvalidOperationException($"Capability '{Name}': this node has no segment channels for streams.");
        lock (_lock)
        {
            if (_running >= Info.Capacity)
            {
                throw new ByocCapacityException($"Capability '{Name}' is running {_running} of {Info.Capacity} streams.");
            }

            _running++;
        }

        try
        {
            return ValueTask.FromResult<IByocStreamSession>(new MyPluginStream(request, channels, Release));
        }
        catch
        {
            Release(); // the channels could not be opened: the place was never used
            throw;
        }
    }

    private static ByocJobResponse Text(int status, string text) =>
        new(status, "text/plain; charset=utf-8", new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false));

    private void Release()
    {
        lock (_lock)
        {
            _running--;
        }
    }
}
