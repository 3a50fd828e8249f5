using FlashSales.EntityFrameworkCore.MySql;
using Microsoft.Extensions.Options;

namespace FlashSales.Payments.Processor;

/// <summary>
/// Simulates a card processor. Test cards decide the outcome, as with real processors' sandboxes:
/// <see cref="ApprovedCard"/> always succeeds, <see cref="DeclinedCard"/> always fails, <see cref="SlowCard"/> succeeds
/// after <see cref="PaymentSimulatorOptions.SlowCardLatency"/>; any other card succeeds with the configured rate.
/// Its ledger has one row per key (the first outcome, or the key closed by a settlement) and one refund per charge.
/// </summary>
public sealed class SimulatedPaymentGateway(PaymentDbContext db, IOptions<PaymentSimulatorOptions> options, TimeProvider time) : IPaymentGateway
{
    public const string ApprovedCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";
    public const string SlowCard = "4000000000000259";

    /// <summary>The outcome of a key settled before any charge was made with it.</summary>
    public const string ClosedUncharged = "closed_uncharged";

    public async Task<PaymentOutcome> ChargeAsync(string idempotencyKey, Guid orderId, decimal amount, string cardNumber,
        CancellationToken cancellationToken)
    {
        var latency = cardNumber == SlowCard ? options.Value.SlowCardLatency : options.Value.Latency;
        await Task.Delay(latency, time, cancellationToken);
        var outcome = Decide(cardNumber, options.Value.SuccessRate);
        return await RecordFirstAsync(idempotencyKey, orderId, amount, outcome, cancellationToken);
    }

    public async Task<PaymentOutcome?> SettleAsync(string idempotencyKey, Guid orderId, CancellationToken cancellationToken)
    {
        var outcome = await RecordFirstAsync(idempotencyKey, orderId, 0m, PaymentOutcome.Decline(ClosedUncharged), cancellationToken);
        return outcome.DeclineReason == ClosedUncharged ? null : outcome;
    }

    public async Task RefundAsync(string idempotencyKey, Guid orderId, CancellationToken cancellationToken)
    {
        var charge = await db.SimulatedCharges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.OrderId == orderId && c.IdempotencyKey == idempotencyKey, cancellationToken);
        if (charge is not { Approved: true }) throw new InvalidOperationException($"Order {orderId} has no approved charge with this key to refund.");
        await new SqlStatement("INSERT IGNORE INTO simulated_refunds (OrderId, IdempotencyKey, Amount, CreatedAt) VALUES ")
            .Row(orderId, idempotencyKey, charge.Amount, time.GetUtcNow().UtcDateTime)
            .ExecuteAsync(db, cancellationToken);
    }

    // The key's first outcome wins: a charge and a settlement racing on one key agree on whichever was recorded first.
    private async Task<PaymentOutcome> RecordFirstAsync(string idempotencyKey, Guid orderId, decimal amount, PaymentOutcome outcome,
        CancellationToken cancellationToken)
    {
        var recorded = await new SqlStatement(
            "INSERT IGNORE INTO simulated_charges (IdempotencyKey, OrderId, Amount, Approved, DeclineReason, CreatedAt) VALUES ")
            .Row(idempotencyKey, orderId, amount, outcome.Approved, outcome.DeclineReason, time.GetUtcNow().UtcDateTime)
            .ExecuteAsync(db, cancellationToken);
        if (recorded == 1) return outcome;
        var first = await db.SimulatedCharges.AsNoTracking()
            .FirstAsync(c => c.OrderId == orderId && c.IdempotencyKey == idempotencyKey, cancellationToken);
        return first.Approved ? PaymentOutcome.Approve : PaymentOutcome.Decline(first.DeclineReason ?? "card_declined");
    }

    public static PaymentOutcome Decide(string cardNumber, double successRate) => cardNumber switch
    {
        ApprovedCard or SlowCard => PaymentOutcome.Approve,
        DeclinedCard => PaymentOutcome.Decline("card_declined"),
        _ => Random.Shared.NextDouble() < successRate ? PaymentOutcome.Approve : PaymentOutcome.Decline("card_declined"),
    };
}
