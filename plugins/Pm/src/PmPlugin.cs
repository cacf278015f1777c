using Livepeer.Abstractions;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// Registers the <c>pm</c> payment scheme: the receiver on an orchestrator, the sender on a gateway. Settings come
/// from <c>Plugins:Pm</c> and are validated here. The broker, ticket queue, max float source and node account are
/// the host's and are resolved on first use, since the host provides them only when the node runs the pm scheme.
/// </summary>
public sealed class PmPlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A setting is not a whole number of wei or is out of range.</exception>
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var options = PmOptions.Read(context.Configuration);
        if (context.Roles.HasFlag(NodeRoles.Orchestrator))
        {
            services.AddSingleton<IPaymentReceiver>(sp => new PmPaymentReceiver(options, new PmServices(sp)));
        }

        // A remote signer builds gateways' payments (POST /generate-live-payment), so it needs the sender too.
        if (context.Roles.HasFlag(NodeRoles.Gateway) || context.Roles.HasFlag(NodeRoles.RemoteSigner))
        {
            services.AddSingleton<IPaymentSender>(sp => new PmPaymentSender(options, new PmServices(sp)));
        }
    }
}
