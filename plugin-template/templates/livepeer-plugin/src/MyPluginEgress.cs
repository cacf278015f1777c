using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Media;

namespace MyPlugin;

/// <summary>
/// A push egress to a folder: <c>file:///path/to/folder</c> receives each segment of the stream as one file,
/// named by its sequence number (<c>0000000000.ts</c>, …). A file appears only once complete (written under a
/// temporary name, then renamed), so a reader never sees half a segment.
/// </summary>
public sealed class MyPluginEgress : IEgress
{
    private readonly IMediaStreamHub? _hub;

    /// <summary>Creates the egress reading from the node's hub; without one (a node without the media toolkit) pushes fail.</summary>
    public MyPluginEgress(IMediaStreamHub? hub = null) => _hub = hub;

    /// <inheritdoc />
    public string Name => MyPluginPlugin.ExtensionName;

    /// <inheritdoc />
    public IReadOnlyList<Uri> Endpoints => [];

    /// <inheritdoc />
    public bool CanPush(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsAbsoluteUri && target.IsFile;
    }

    /// <inheritdoc />
    public ValueTask<IEgressSession> PushAsync(EgressRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (!CanPush(request.Target))
        {
            throw new NotSupportedException($"Egress '{Name}' pushes to file:// folders, not to '{request.Target}'.");
        }

        var hub = _hub ?? throw new InvalidOperationException($"Egress '{Name}': this node has no media stream hub to read from.");
        var subscription = hub.Subscribe(request.StreamId, request.Rendition)
            ?? throw new KeyNotFoundException($"No stream '{request.StreamId}' is being published.");
        var folder = request.Target.LocalPath;
        Directory.CreateDirectory(folder);
        return ValueTask.FromResult<IEgressSession>(new Session(request.Target, folder, subscription));
    }

    /// <summary>The file name of a segment: its sequence number, then an extension from its content type.</summary>
    public static string FileName(MediaSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var extension = segment.ContentType switch
        {
            MediaContentTypes.MpegTs => ".ts",
            MediaContentTypes.Mp4 => ".mp4",
            _ => ".bin",
        };
        return segment.Sequence.ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + extension;
    }

    private sealed class Session : IEgressSession
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly IStreamSubscription _subscription;
        private readonly string _folder;

        public Session(Uri target, string folder, IStreamSubscription subscription)
        {
            Target = target;
            _folder = folder;
            _subscription = subscription;
            Completion = PumpAsync();
        }

        public Uri Target { get; }

        public Task Completion { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Completion.ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The folder failed: Completion already reports it; disposing still releases the subscription.
            }
            catch (UnauthorizedAccessException)
            {
            }

            await _subscription.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
        }

        private async Task PumpAsync()
        {
            await Task.Yield(); // PushAsync returns before the first segment is written
            try
            {
                await foreach (var segment in _subscription.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                {
                    var path = Path.Combine(_folder, FileName(segment));
                    var partial = path + ".partial";
                    await File.WriteAllBytesAsync(partial, segment.Data, _stop.Token).ConfigureAwait(false);
                    File.Move(partial, path, overwrite: true);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Disposed: the push ends normally.
            }
        }
    }
}
