using FlashSales.Payment.Model;
using Microsoft.Extensions.Options;

namespace FlashSales.Payment.Gateway;

/// <summary>
/// Simulates a card processor. Test cards decide the outcome, as with real processors' sandboxes:
/// <see cref="ApprovedCard"/> always succeeds and <see cref="DeclinedCard"/> always fails; any other card succeeds
/// with the configured rate.
/// </summary>
public sealed class SimulatedPaymentGateway(IOptions<PaymentSimulatorOptions> options, TimeProvider time) : IPaymentGateway
{
    public const string ApprovedCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";

    public async Task<PaymentOutcome> ChargeAsync(Guid orderId, decimal amount, string? cardNumber, CancellationToken cancellationToken)
    {
        await Task.Delay(options.Value.Latency, time, cancellationToken);
        return cardNumber switch
        {
            ApprovedCard => PaymentOutcome.Approve,
            DeclinedCard => PaymentOutcome.Decline("card_declined"),
            _ => Random.Shared.NextDouble() < options.Value.SuccessRate ? PaymentOutcome.Approve : PaymentOutcome.Decline("card_declined"),
        };
    }
}
