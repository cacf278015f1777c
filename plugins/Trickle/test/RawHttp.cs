using System.Net.Sockets;
using System.Text;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>
/// A raw HTTP/1.1 connection, for what HttpClient hides: a response that arrives while the request body is
/// still open (pre-connects), and hostile request lines and headers for the fuzz test.
/// </summary>
internal sealed class RawHttp : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawHttp(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawHttp> ConnectAsync(Uri baseUri)
    {
        var client = new TcpClient();
        await client.ConnectAsync(baseUri.Host, baseUri.Port);
        return new RawHttp(client);
    }

    /// <summary>Sends the request head (and optional raw bytes after it).</summary>
    public async Task SendAsync(string head, byte[]? after = null)
    {
        await _stream.WriteAsync(Encoding.Latin1.GetBytes(head));
        if (after is not null)
        {
            await _stream.WriteAsync(after);
        }

        await _stream.FlushAsync();
    }

    /// <summary>Reads the response status and headers (lower-case names).</summary>
    public async Task<(int Status, Dictionary<string, string> Headers)> ReadHeadAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(one, cts.Token) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            return (0, []);
        }

        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        return (status, headers);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
