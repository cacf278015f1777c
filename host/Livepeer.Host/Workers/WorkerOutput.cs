using System.Text;

namespace Livepeer.Host.Workers;

/// <summary>
/// Passes a worker's output on line by line with bounded memory: a line longer than <see cref="MaxLine"/> bytes is
/// passed on in pieces, and invalid UTF-8 is replaced, so a worker that writes garbage cannot hurt the node.
/// </summary>
internal static class WorkerOutput
{
    public const int MaxLine = 4096;

    public static async Task PumpAsync(Stream stream, Action<string> onLine)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(onLine);
        var buffer = new byte[8192];
        var line = new byte[MaxLine];
        var length = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var b = buffer[i];
                    if (b == (byte)'\n' || length == MaxLine)
                    {
                        Emit(line, length, onLine);
                        length = 0;
                        if (b == (byte)'\n')
                        {
                            continue;
                        }
                    }

                    line[length++] = b;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke: the worker is gone.
        }

        Emit(line, length, onLine);
    }

    private static void Emit(byte[] line, int length, Action<string> onLine)
    {
        var text = Encoding.UTF8.GetString(line, 0, length).TrimEnd('\r');
        if (text.Length > 0)
        {
            onLine(text);
        }
    }
}
