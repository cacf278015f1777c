using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Payments;
using Livepeer.Abstractions.Selection;
using Livepeer.Abstractions.Transcoding;
using Livepeer.Host.Configuration;

namespace Livepeer.Host.Hosting;

/// <summary>
/// Every named extension registered by the host and its plugins, by extension point. Built once at
/// start-up, when it also checks that names are unique and that every name the configuration refers to
/// exists; all problems are reported together with the known names.
/// </summary>
internal sealed class ExtensionCatalog
{
    private static readonly (string Point, Type Type)[] Points =
    [
        ("discovery", typeof(IDiscoverySource)),
        ("selector", typeof(ISelectionPolicy)),
        ("payment sender", typeof(IPaymentSender)),
        ("payment receiver", typeof(IPaymentReceiver)),
        ("transcoder", typeof(ITranscoder)),
        ("ingest", typeof(IIngest)),
        ("egress", typeof(IEgress)),
        ("BYOC capability", typeof(IByocCapability)),
        ("segment channels", typeof(ISegmentChannels)),
    ];

    private ExtensionCatalog(IReadOnlyDictionary<string, IReadOnlyList<string>> names, List<string> errors)
    {
        Names = names;
        Errors = errors;
    }

    /// <summary>Extension names by extension point, in registration order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Names { get; }

    /// <summary>Duplicate or empty names, and configuration references to unknown names.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Resolves every extension and validates names and configuration references.</summary>
    public static ExtensionCatalog Build(IServiceProvider services, NodeOptions options)
    {
        var errors = new List<string>();
        var names = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (point, type) in Points)
        {
            var list = new List<string>();
            foreach (var extension in services.GetServices(type).OfType<INamedExtension>())
            {
                if (string.IsNullOrWhiteSpace(extension.Name))
                {
                    errors.Add($"A {point} ({extension.GetType().FullName}) has an empty name.");
                }
                else if (list.Contains(extension.Name, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"Two {point} extensions are named '{extension.Name}' (one is {extension.GetType().FullName}); names must be unique.");
                }
                else
                {
                    list.Add(extension.Name);
                }
            }

            names[point] = list;
        }

        var catalog = new ExtensionCatalog(names, errors);
        if (options.Roles.HasFlag(NodeRoles.Gateway) || options.Roles.HasFlag(NodeRoles.RemoteSigner))
        {
            foreach (var source in options.Discovery)
            {
                catalog.Require("discovery", source, "-discovery", errors);
            }

            catalog.Require("payment sender", options.PaymentScheme, "-paymentScheme", errors);
            if (options.Selector is { } selector)
            {
                catalog.Require("selector", selector, "-selector", errors);
            }
        }

        if (options.Roles.HasFlag(NodeRoles.Orchestrator))
        {
            catalog.Require("payment receiver", options.PaymentScheme, "-paymentScheme", errors);
        }

        if (options.TranscoderName is { } transcoder && options.Roles.HasFlag(NodeRoles.Transcoder))
        {
            catalog.Require("transcoder", transcoder, "-transcoderName", errors);
        }

        return catalog;
    }

    /// <summary>The extension named <paramref name="name"/> at its point, or <c>null</c>.</summary>
    public static T? Resolve<T>(IServiceProvider services, string name)
        where T : INamedExtension =>
        services.GetServices<T>().FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));

    private void Require(string point, string name, string flag, List<string> errors)
    {
        var known = Names[point];
        if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{flag} names unknown {point} '{name}'. Known: {(known.Count == 0 ? "none (is the plugin that provides it installed and enabled?)" : string.Join(", ", known))}.");
        }
    }
}
