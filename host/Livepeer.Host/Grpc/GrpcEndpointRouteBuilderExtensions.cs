using Google.Protobuf;

namespace Livepeer.Host.Grpc;

/// <summary>Maps gRPC methods as Kestrel endpoints at <c>/{package}.{Service}/{Method}</c>.</summary>
internal static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>A unary method.</summary>
    public static IEndpointConventionBuilder MapGrpcUnary<TRequest, TResponse>(
        this IEndpointRouteBuilder endpoints,
        string path,
        MessageParser<TRequest> parser,
        Func<TRequest, GrpcServerCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        endpoints.Map(path, context => GrpcCallHandler.HandleAsync(
            context,
            parser,
            context.RequestServices.GetService<GrpcServerOptions>() ?? new GrpcServerOptions(),
            context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System,
            async (request, call, write) => await write(await handler(request, call).ConfigureAwait(false)).ConfigureAwait(false),
            flushEachMessage: false));

    /// <summary>A server-streaming method: the handler writes any number of responses, then returns.</summary>
    public static IEndpointConventionBuilder MapGrpcServerStreaming<TRequest, TResponse>(
        this IEndpointRouteBuilder endpoints,
        string path,
        MessageParser<TRequest> parser,
        Func<TRequest, Func<TResponse, Task>, GrpcServerCallContext, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        endpoints.Map(path, context => GrpcCallHandler.HandleAsync(
            context,
            parser,
            context.RequestServices.GetService<GrpcServerOptions>() ?? new GrpcServerOptions(),
            context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System,
            (request, call, write) => handler(request, response => write(response), call),
            flushEachMessage: true));
}
