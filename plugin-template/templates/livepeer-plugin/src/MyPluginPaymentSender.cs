using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace MyPlugin;

/// <summary>
/// The gateway side of the allowance scheme: a ticketless payment that names the paying gateway and the price
/// it expects, so the orchestrator can refuse a price it did not quote and charge the gateway's allowance.
/// A free orchestrator gets no payment at all.
/// </summary>
public sealed class MyPluginPaymentSender : IPaymentSender
{
    /// <summary>The setting holding the gateway's address (<c>0x…</c>).</summary>
    public const string AddressKey = "Address";

    private readonly EthAddress _sender;

    /// <summary>Creates the sender paying as <paramref name="sender"/>.</summary>
    public MyPluginPaymentSender(EthAddress sender) => _sender = sender;

    /// <summary>The address used when the setting is absent.</summary>
    public static EthAddress DefaultAddress { get; } = EthAddress.Parse("0x0000000000000000000000000000000000000001");

    /// <inheritdoc />
    public string Name => MyPluginPlugin.ExtensionName;

    /// <inheritdoc />
    public ValueTask<Payment?> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var price = request.Orchestrator.Price ?? Price.Free;
        return ValueTask.FromResult<Payment?>(price.IsFree ? null : new Payment(_sender, price));
    }
}
