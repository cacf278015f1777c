using Livepeer.Abstractions;
using Livepeer.Host.Configuration;
using Livepeer.Host.Grpc;
using Livepeer.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Host.Tests;

/// <summary>A real node (Kestrel on 127.0.0.1:0, SQLite in a temp dir) inside the test process.</summary>
internal sealed class InProcessNode : IAsyncDisposable
{
    private readonly string _dir;

    private InProcessNode(WebApplication app, string dir)
    {
        App = app;
        _dir = dir;
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public Uri Service => Services.GetRequiredService<INodeAddresses>().GetBaseUri(NodeListener.Service)!;

    public string DataDir => Path.Combine(_dir, "data");

    public Uri Http => Services.GetRequiredService<INodeAddresses>().GetBaseUri(NodeListener.Gateway)!;

    public Uri Cli => Services.GetRequiredService<INodeAddresses>().GetBaseUri(NodeListener.Cli)!;

    public static async Task<InProcessNode> StartAsync(params string[] arguments)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lp-node-" + Guid.NewGuid().ToString("N"));
        string[] args = ["-httpAddr", "127.0.0.1:0", "-serviceAddr", "127.0.0.1:0", "-cliAddr", "127.0.0.1:0", "-rtmpAddr", "127.0.0.1:0", "-datadir", Path.Combine(dir, "data"), "-pluginsDir", Path.Combine(dir, "plugins"), "-v", "1", .. arguments];
        var app = NodeApplication.Create(CommandLine.Parse(args));
        await app.StartAsync();
        return new InProcessNode(app, dir);
    }

    public static GrpcClient CreateGrpcClient(out HttpClient http)
    {
        http = GrpcClient.CreateHttpClient();
        return new GrpcClient(http);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
