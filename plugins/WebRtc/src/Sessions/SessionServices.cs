using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Status;
using Livepeer.Plugins.WebRtc.Page;
using Livepeer.Plugins.WebRtc.Whep;
using Livepeer.Plugins.WebRtc.Whip;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>Registers the session layer on a gateway: WHIP/WHEP routes, the page, the ingest, the egress, the output cache.</summary>
internal static class SessionServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<WebRtcSessions>();
        services.AddSingleton<StreamOutputs>();
        services.AddSingleton<IStreamObserver>(sp => sp.GetRequiredService<StreamOutputs>());
        services.AddSingleton<IIngest>(sp => new WhipIngest(sp.GetService<INodeAddresses>()));
        services.AddSingleton<IEgress>(sp => new WhepEgress(sp.GetService<INodeAddresses>()));
        services.AddSingleton<IEndpointContributor>(sp => new WhipEndpoints(
            sp.GetRequiredService<IMediaStreamHub>(),
            Stack(sp),
            sp.GetRequiredService<WebRtcSessions>(),
            sp.GetRequiredService<WebRtcOptions>(),
            Time(sp),
            Logger(sp)));
        services.AddSingleton<IEndpointContributor>(sp => new WhepEndpoints(
            Stack(sp),
            sp.GetRequiredService<StreamOutputs>(),
            sp.GetRequiredService<WebRtcSessions>(),
            sp.GetRequiredService<WebRtcOptions>(),
            Time(sp),
            Logger(sp)));
        services.AddSingleton(sp => new WebRtcStatusReport(sp.GetRequiredService<IMediaStreamHub>(), sp.GetRequiredService<WebRtcSessions>()));
        services.AddSingleton<IEndpointContributor>(sp => new PageEndpoints(sp.GetRequiredService<WebRtcStatusReport>()));
        services.AddSingleton<INodeStatusSection>(sp => new WebRtcStatusSection(sp.GetRequiredService<WebRtcStatusReport>()));
    }

    /// <summary>A stack registered by a test, else the plugin's own layers once a transport factory is registered.</summary>
    private static IWebRtcStack? Stack(IServiceProvider services) =>
        services.GetService<IWebRtcStack>()
        ?? (services.GetService<Transport.IWebRtcTransportFactory>() is { } transports ? new Stack.WebRtcStack(transports, Time(services), services.GetRequiredService<WebRtcOptions>().CandidateAddresses) : null);

    private static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("Livepeer.Plugins.WebRtc") ?? NullLogger.Instance;
}
