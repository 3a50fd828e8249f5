using FlashSales.Payment.Model;

namespace FlashSales.Payment.Gateway;

/// <summary>
/// The card processor. Only a simulator exists; a real processor plugs in here. Like real processors, it takes an
/// idempotency key: the same key always comes to the same outcome and at most one charge, so a payment whose outcome
/// was lost can be asked again safely.
/// </summary>
public interface IPaymentGateway
{
    Task<PaymentOutcome> ChargeAsync(string idempotencyKey, Guid orderId, decimal amount, string cardNumber, CancellationToken cancellationToken);

    /// <summary>The outcome of the charge made with this key, or null when none was made.</summary>
    Task<PaymentOutcome?> FindChargeAsync(string idempotencyKey, Guid orderId, CancellationToken cancellationToken);
}
