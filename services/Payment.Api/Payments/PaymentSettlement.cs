using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Payment.Gateway;
using FlashSales.Payment.Infrastructure;
using FlashSales.Payment.Model;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Payment.Payments;

/// <summary>
/// Brings a recorded (Pending) payment to its outcome and records it with its event in one transaction. Safe to
/// repeat: the processor charges a key once, and only the first settlement of a payment counts (its row
/// must still be Pending when it is updated), so a retried request and the resolver racing on one payment settle it once.
/// </summary>
public sealed class PaymentSettlement(PaymentDbContext db, IPaymentGateway processor, OutboxSignal outbox, TimeProvider time)
{
    /// <summary>Charges the payment with its key (a repeat charges nothing more) and records the outcome.</summary>
    public async Task<Model.Payment> ChargeAsync(Model.Payment payment, string cardNumber, CancellationToken ct)
    {
        var outcome = await processor.ChargeAsync(payment.IdempotencyKey, payment.OrderId, payment.Amount, cardNumber, ct);
        return await RecordAsync(payment, outcome, ct);
    }

    /// <summary>
    /// A payment whose outcome was lost: the processor's answer for its key is recorded; if it never charged the key,
    /// the attempt is removed (nothing happened, and the shopper may pay again).
    /// </summary>
    public async Task ResolveAsync(Model.Payment payment, CancellationToken ct)
    {
        if (await processor.FindChargeAsync(payment.IdempotencyKey, payment.OrderId, ct) is { } outcome)
        {
            await RecordAsync(payment, outcome, ct);
            return;
        }
        await db.Payments.Where(p => p.Id == payment.Id && p.Status == PaymentStatus.Pending).ExecuteDeleteAsync(ct);
    }

    /// <returns>The payment as recorded: settled here, or as another settlement (or the resolver) left it.</returns>
    /// <remarks>
    /// <paramref name="payment"/> is a detached copy (read without tracking); it is settled in memory first, then in one
    /// transaction of two statements: the conditional UPDATE and, only if it won, the event's outbox row.
    /// </remarks>
    private async Task<Model.Payment> RecordAsync(Model.Payment payment, PaymentOutcome outcome, CancellationToken ct)
    {
        payment.Settle(outcome, time.GetUtcNow().UtcDateTime);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var won = await db.Database.ExecuteSqlAsync($"""
                UPDATE payments SET Status = {payment.Status.ToString()}, FailureReason = {payment.FailureReason}, UpdatedAt = {payment.UpdatedAt}
                WHERE Id = {payment.Id} AND Status = {nameof(PaymentStatus.Pending)}
                """, ct) == 1;
            if (!won) return await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == payment.Id, ct) ?? payment;
            await db.AddIntegrationEventsAsync([outcome.Approved
                ? new PaymentSucceededIntegrationEvent(payment.OrderId, payment.Id, payment.Amount)
                : new PaymentFailedIntegrationEvent(payment.OrderId, payment.Id, outcome.DeclineReason!)], ct);
            await transaction.CommitAsync(ct);
        }
        outbox.Notify();
        return payment;
    }
}
