using Livepeer.Abstractions;
using Livepeer.Abstractions.Ingest;

namespace Livepeer.Plugins.HttpPush;

/// <summary>HTTP push as an <see cref="IIngest"/> named <c>http-push</c>; clients push to <c>{endpoint}{manifestID}/{seq}.ts</c>.</summary>
internal sealed class HttpPushIngest : IIngest
{
    /// <summary>The ingest name, and the protocol of its streams.</summary>
    public const string IngestName = "http-push";

    private readonly INodeAddresses? _addresses;

    public HttpPushIngest(INodeAddresses? addresses)
    {
        _addresses = addresses;
    }

    public string Name => IngestName;

    public IReadOnlyList<Uri> Endpoints =>
        _addresses?.GetBaseUri(NodeListener.Gateway) is { } gateway ? [new Uri(gateway, HttpPushEndpoints.BasePath)] : [];
}
