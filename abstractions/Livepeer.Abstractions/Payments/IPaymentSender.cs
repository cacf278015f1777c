namespace Livepeer.Abstractions.Payments;

/// <summary>
/// The gateway side of a payment scheme: turns the cost of work into a payment for the orchestrator.
/// </summary>
public interface IPaymentSender : INamedExtension
{
    /// <summary>
    /// Builds the payment to attach to a request; <c>null</c> when the scheme sends nothing
    /// (offchain, or when the balance already covers the fee).
    /// </summary>
    /// <exception cref="PaymentException">The orchestrator's ticket parameters or price are unacceptable.</exception>
    ValueTask<Payment?> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken);
}
