using System.Net;
using System.Threading.Channels;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>A request body the test writes piece by piece (chunked, no length), like a trickle publisher's pipe.</summary>
internal sealed class PipeContent : HttpContent
{
    private readonly Channel<byte[]> _pieces = Channel.CreateUnbounded<byte[]>();

    public void Write(byte[] piece) => _pieces.Writer.TryWrite(piece);

    public void Complete() => _pieces.Writer.TryComplete();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.FlushAsync(); // send the request headers now, as a pre-connecting client does
        await foreach (var piece in _pieces.Reader.ReadAllAsync())
        {
            await stream.WriteAsync(piece);
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
