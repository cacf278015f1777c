using System.IO.Pipelines;

namespace Livepeer.Plugins.Rtmp.Client;

/// <summary>A reader and a writer as one <see cref="IDuplexPipe"/>.</summary>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
