namespace FlashSales.Payments.Processor;

/// <summary>
/// The card processor. Only a simulator exists; a real processor plugs in here. Like real processors, it takes an
/// idempotency key: the same key always comes to the same outcome and at most one charge, and a charge is refunded at
/// most once, so every call can be repeated safely.
/// </summary>
public interface IPaymentGateway
{
    Task<PaymentOutcome> ChargeAsync(string idempotencyKey, Guid orderId, decimal amount, string cardNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Settles the key: the outcome of the charge made with it, or, when none was made, null, and the key is closed so a
    /// charge with it still in flight is declined (as a real processor cancels a payment intent): after this, what the
    /// key did is final.
    /// </summary>
    Task<PaymentOutcome?> SettleAsync(string idempotencyKey, Guid orderId, CancellationToken cancellationToken);

    /// <summary>Gives the approved charge made with the key back to the card; asking again refunds nothing more.</summary>
    Task RefundAsync(string idempotencyKey, Guid orderId, CancellationToken cancellationToken);
}
