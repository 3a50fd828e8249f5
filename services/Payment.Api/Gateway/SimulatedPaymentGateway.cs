using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.Payment.Infrastructure;
using FlashSales.Payment.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlashSales.Payment.Gateway;

/// <summary>
/// Simulates a card processor. Test cards decide the outcome, as with real processors' sandboxes:
/// <see cref="ApprovedCard"/> always succeeds and <see cref="DeclinedCard"/> always fails; any other card succeeds
/// with the configured rate. Each key is charged once per order (its ledger row); asking again answers the first outcome.
/// </summary>
public sealed class SimulatedPaymentGateway(PaymentDbContext db, IOptions<PaymentSimulatorOptions> options, TimeProvider time) : IPaymentGateway
{
    public const string ApprovedCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";

    public async Task<PaymentOutcome> ChargeAsync(string idempotencyKey, Guid orderId, decimal amount, string cardNumber, CancellationToken cancellationToken)
    {
        await Task.Delay(options.Value.Latency, time, cancellationToken);
        var outcome = Decide(cardNumber, options.Value.SuccessRate);
        var charged = await new SqlStatement("INSERT IGNORE INTO simulated_charges (IdempotencyKey, OrderId, Amount, Approved, DeclineReason, CreatedAt) VALUES ")
            .Row(idempotencyKey, orderId, amount, outcome.Approved, outcome.DeclineReason, time.GetUtcNow().UtcDateTime)
            .ExecuteAsync(db, cancellationToken);
        return charged == 1 ? outcome : (await FindChargeAsync(idempotencyKey, orderId, cancellationToken))!;
    }

    public async Task<PaymentOutcome?> FindChargeAsync(string idempotencyKey, Guid orderId, CancellationToken cancellationToken)
    {
        var charged = await db.SimulatedCharges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.OrderId == orderId && c.IdempotencyKey == idempotencyKey, cancellationToken);
        if (charged is null) return null;
        return charged.Approved ? PaymentOutcome.Approve : PaymentOutcome.Decline(charged.DeclineReason ?? "card_declined");
    }

    public static PaymentOutcome Decide(string cardNumber, double successRate) => cardNumber switch
    {
        ApprovedCard => PaymentOutcome.Approve,
        DeclinedCard => PaymentOutcome.Decline("card_declined"),
        _ => Random.Shared.NextDouble() < successRate ? PaymentOutcome.Approve : PaymentOutcome.Decline("card_declined"),
    };
}
