using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Payments;
using Livepeer.Abstractions.Status;
using Livepeer.Abstractions.Storage;
using Livepeer.Host.Admin;
using Livepeer.Host.Builtins;
using Livepeer.Host.Configuration;
using Livepeer.Host.Crypto;
using Livepeer.Host.Gateway;
using Livepeer.Host.Grpc;
using Livepeer.Host.Media;
using Livepeer.Host.Plugins;
using Livepeer.Host.Payments;
using Livepeer.Host.Protocol;
using Livepeer.Host.Redeemer;
using Livepeer.Host.RemoteSigner;
using Livepeer.Host.Storage;
using Livepeer.Host.Workers;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;

namespace Livepeer.Host.Hosting;

/// <summary>
/// The composition root: reads configuration, loads plugins, registers the roles' services, binds the
/// listeners and validates everything before the node starts. Every configuration problem is collected
/// and reported at once in a <see cref="StartupException"/>.
/// </summary>
internal static class NodeApplication
{
    public const string EnvironmentPrefix = "LIVEPEER_";

    public static WebApplication Create(CommandLine commandLine, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        time ??= TimeProvider.System;
        var errors = new List<string>(commandLine.Errors);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        builder.Configuration.Sources.Clear();
        if (commandLine.ConfigPath is { } configPath)
        {
            if (File.Exists(configPath))
            {
                builder.Configuration.AddJsonFile(Path.GetFullPath(configPath), optional: false, reloadOnChange: false);
            }
            else
            {
                errors.Add($"--config {configPath}: no such file.");
            }
        }

        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddInMemoryCollection(commandLine.Settings);

        NodeOptions options;
        try
        {
            options = NodeOptions.Read(builder.Configuration, errors);
        }
        catch (InvalidDataException e)
        {
            throw new StartupException([.. errors, $"--config: {e.Message}"]);
        }

        options = WithOrchSecret(options, errors);
        if (options.RolesByDefault)
        {
            // The embedded defaults sit below every other layer: a file, an environment variable or a flag overrides them.
            builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = SampleWorkers.Defaults(AppContext.BaseDirectory) });
        }

        var workers = ManagedWorkerDefinition.Read(builder.Configuration, errors);
        var logLevel = new LogLevelSwitch(options.Verbosity);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter((category, level) => level >= logLevel.MinimumLevel &&
            (level >= LogLevel.Warning || category is null || !category.StartsWith("Microsoft.", StringComparison.Ordinal) || logLevel.Verbosity >= 5));

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.ToNodeSettings());
        services.AddSingleton(logLevel);
        services.AddSingleton(time);
        services.AddSingleton<IRandomSource, SystemRandomSource>();
        services.AddSingleton<IMediaStreamHub, MediaStreamHub>();
        var listeners = new NodeListeners();
        services.AddSingleton(listeners);
        services.AddSingleton<INodeAddresses>(listeners);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        services.AddSingleton(workers);
        services.AddSingleton(sp => new ManagedWorkers(workers, options, listeners, sp.GetRequiredService<IHostApplicationLifetime>(), time, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ManagedWorkers>());
        services.AddSingleton<INodeStatusSection>(sp => sp.GetRequiredService<ManagedWorkers>());

        var database = new NodeDatabase(Path.Combine(options.DataDir, NodeDatabase.FileName));
        services.AddSingleton(database);
        services.AddHostedService<NodeDatabaseInitializer>(); // first, so plugins' hosted services find the database migrated
        services.AddSingleton<IKeyValueStore, SqliteKeyValueStore>();
        services.AddSingleton<IOrchestratorStore, SqliteOrchestratorStore>();
        services.AddPayments(builder.Configuration, options, errors);

        // A remote signer discovers and pays as a gateway would, for gateways that hold no keys.
        if (options.Roles.HasFlag(NodeRoles.Gateway) || options.Roles.HasFlag(NodeRoles.RemoteSigner))
        {
            services.AddSingleton<IDiscoverySource, OrchAddrDiscoverySource>();
            services.AddSingleton<IPaymentSender, NonePaymentSender>();
            services.AddGatewayDiscovery();
        }

        var servesGrpc = options.Roles.HasFlag(NodeRoles.Orchestrator) || options.Roles.HasFlag(NodeRoles.Redeemer);
        if (servesGrpc)
        {
            services.AddSingleton(new GrpcServerOptions());
        }

        if (options.Roles.HasFlag(NodeRoles.RemoteSigner))
        {
            services.AddRemoteSigner();
        }

        if (options.Roles.HasFlag(NodeRoles.Orchestrator))
        {
            services.AddSingleton<IPaymentReceiver, NonePaymentReceiver>();
            services.AddSingleton<AuthTokens>();
            services.AddSingleton(new TranscodingSessions(options.MaxSessions));
            services.AddSingleton<OrchestratorOffer>();
            services.AddSingleton<OrchestratorRpcService>();
            services.AddDiscoveryAuthWebhook(options);
        }

        using (var loaderLogging = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true).AddFilter(level => level >= logLevel.MinimumLevel)))
        {
            services.AddEthereumCrypto(options, time, loaderLogging.CreateLogger("Livepeer.Host.Crypto"), errors);
            var loader = new PluginLoader(loaderLogging.CreateLogger<PluginLoader>());
            var states = loader.LoadAll(options.PluginsDir, builder.Configuration, options.Roles, services);
            services.AddSingleton(new PluginStatusRegistry(states));
        }

        services.AddSingleton<Microsoft.AspNetCore.Connections.IConnectionListenerFactory, IoThreadTransport>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (options.Roles.HasFlag(NodeRoles.Gateway) || options.Roles.HasFlag(NodeRoles.RemoteSigner))
            {
                listeners.Bind(kestrel, NodeListener.Gateway, options.HttpAddr, "http");
            }

            if (servesGrpc)
            {
                var certificate = ServiceCertificate.Create(options.ServiceAddr.Host, options.DataDir, time);
                listeners.Bind(kestrel, NodeListener.Service, options.ServiceAddr, "https", listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                });
            }

            listeners.Bind(kestrel, NodeListener.Cli, options.CliAddr, "http");
            foreach (var listener in kestrel.ApplicationServices.GetServices<IConnectionListener>())
            {
                listeners.Bind(kestrel, listener);
            }
        });

        services.AddSingleton(sp => ExtensionCatalog.Build(sp, options));

        var app = builder.Build();
        errors.AddRange(app.Services.GetRequiredService<ExtensionCatalog>().Errors);
        if (errors.Count > 0)
        {
            throw new StartupException(errors);
        }

        MapRoutes(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            listeners.NotifyBound();
            StartupBanner.Print(app.Services);
        });
        return app;
    }

    // An orchestrator needs a registration secret for its workers: with no -orchSecret, the one kept in the data directory.
    private static NodeOptions WithOrchSecret(NodeOptions options, List<string> errors)
    {
        if (!options.Roles.HasFlag(NodeRoles.Orchestrator) || options.OrchSecret.Length > 0)
        {
            return options;
        }

        var path = OrchSecretFile.PathIn(options.DataDir);
        try
        {
            return options with { OrchSecret = OrchSecretFile.LoadOrCreate(options.DataDir), OrchSecretPath = path };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"-orchSecret is not set and {path} could not be read or made: {e.Message}");
            return options;
        }
    }

    private static Task WriteNotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static void MapRoutes(WebApplication app)
    {
        var contributors = app.Services.GetServices<IEndpointContributor>().ToList();
        var roles = app.Services.GetRequiredService<NodeOptions>().Roles;
        foreach (var listener in Enum.GetValues<NodeListener>())
        {
            app.MapWhen(c => NodeListeners.Of(c) == listener, branch =>
            {
                branch.UseRouting();
                branch.UseEndpoints(endpoints =>
                {
                    if (listener == NodeListener.Cli)
                    {
                        AdminApi.Map(endpoints);
                    }
                    else
                    {
                        AdminApi.MapHealth(endpoints);
                    }

                    if (listener == NodeListener.Service && roles.HasFlag(NodeRoles.Orchestrator))
                    {
                        OrchestratorRpcService.Map(endpoints);
                    }

                    if (listener == NodeListener.Service && roles.HasFlag(NodeRoles.Redeemer))
                    {
                        TicketRedeemerService.Map(endpoints);
                    }

                    foreach (var contributor in contributors.Where(c => c.Listener == listener))
                    {
                        contributor.MapEndpoints(endpoints);
                    }
                });

                // A gRPC call to a method nobody mapped gets UNIMPLEMENTED, not an HTML 404.
                branch.Run(context => GrpcProtocol.IsGrpcContentType(context.Request.ContentType)
                    ? GrpcCallHandler.WriteUnimplementedAsync(context)
                    : WriteNotFoundAsync(context));
            });
        }
    }
}
