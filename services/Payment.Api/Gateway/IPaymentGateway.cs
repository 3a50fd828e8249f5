using FlashSales.Payment.Model;

namespace FlashSales.Payment.Gateway;

/// <summary>The card processor. Only a simulator exists; a real processor plugs in here.</summary>
public interface IPaymentGateway
{
    Task<PaymentOutcome> ChargeAsync(Guid orderId, decimal amount, string? cardNumber, CancellationToken cancellationToken);
}
