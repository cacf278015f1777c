using System.Globalization;
using Livepeer.Abstractions.Status;
using Livepeer.Host.Configuration;
using Livepeer.Host.Hosting;
using Livepeer.Host.Plugins;

namespace Livepeer.Host.Admin;

/// <summary>
/// The CLI/admin HTTP API on <c>-cliAddr</c> (go-livepeer's <c>server/webserver.go</c>): form-encoded
/// parameters, plain-text answers, <c>400 missing form param: X</c> for a missing one.
/// </summary>
internal static class AdminApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/status", (NodeOptions options, NodeListeners listeners, PluginStatusRegistry plugins, ExtensionCatalog catalog, IEnumerable<INodeStatusSection> sections) =>
            Results.Json(NodeStatus.From(options, listeners, plugins.States, catalog, sections), NodeJson.Options));

        endpoints.MapGet("/getLogLevel", (LogLevelSwitch level) =>
            Results.Text(level.Verbosity.ToString(CultureInfo.InvariantCulture)));

        endpoints.MapPost("/setLogLevel", async (HttpRequest request, LogLevelSwitch level, CancellationToken cancellationToken) =>
        {
            var (values, error) = await FormParameters.ReadAsync(request, cancellationToken, "loglevel").ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var text = values!["loglevel"];
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var verbosity) || verbosity > 6)
            {
                return Results.Text($"invalid loglevel '{text}': expected 0-6", statusCode: StatusCodes.Status400BadRequest);
            }

            level.Set(verbosity);
            return Results.Text(string.Create(CultureInfo.InvariantCulture, $"log level set to {verbosity}"));
        });

        MapHealth(endpoints);
    }

    /// <summary><c>GET /healthz</c>: 200 while the node runs (also on the gateway's HTTP port, as upstream).</summary>
    public static void MapHealth(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", () => Results.Text("OK"));
}
