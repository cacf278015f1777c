using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// The host services the scheme needs, resolved on first use: the host registers the broker, the ticket queue,
/// the max float source and the node account only when the node runs the pm scheme, and the extension catalog
/// constructs every registered receiver and sender, so construction must not require them.
/// </summary>
internal sealed class PmServices(IServiceProvider provider)
{
    /// <summary>Sender funds, chain state.</summary>
    public ITicketBroker Broker => Get<ITicketBroker>("the ticket broker");

    /// <summary>Where winning tickets are persisted.</summary>
    public IWinningTicketQueue Queue => Get<IWinningTicketQueue>("the winning ticket queue");

    /// <summary>The sender's max float.</summary>
    public IMaxFloatSource MaxFloat => Get<IMaxFloatSource>("the max float source");

    /// <summary>The node's Ethereum account (recipient address on an orchestrator, ticket signer on a gateway).</summary>
    public IEthereumAccount Account => Get<IEthereumAccount>("an Ethereum account (-ethKeystorePath)");

    /// <summary>Randomness for ticket seeds.</summary>
    public IRandomSource Random => Get<IRandomSource>("a random source");

    /// <summary>Signature recovery.</summary>
    public ISignatureVerifier Verifier => Get<ISignatureVerifier>("a signature verifier");

    private T Get<T>(string what)
        where T : class =>
        provider.GetService<T>() ?? throw new PaymentException($"The pm payment scheme needs {what}, which this node does not provide (is pm the node's payment scheme?).");
}
