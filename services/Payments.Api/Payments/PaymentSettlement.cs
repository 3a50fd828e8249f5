using FlashSales.EventBus;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Payments.Processor;

namespace FlashSales.Payments.Payments;

/// <summary>
/// Brings a payment to its outcome with the processor and records it with its event in one transaction. Safe to
/// repeat: the processor answers a key once and refunds a charge once, and only the first recording of a change counts
/// (its row must still have the status it changes from), so a retried request, the resolver and a redelivered refund
/// request racing on one payment change it once.
/// </summary>
public sealed class PaymentSettlement(
    PaymentDbContext db, IPaymentGateway processor, OutboxSignal outbox, PaymentMetrics metrics, TimeProvider time)
{
    /// <summary>Charges the payment with its key (a repeat charges nothing more) and records the outcome.</summary>
    /// <returns>The payment as recorded; null when it was abandoned meanwhile (see <see cref="ResolveAsync"/>): nothing was charged.</returns>
    public async Task<Payment?> ChargeAsync(Payment payment, string cardNumber, CancellationToken ct)
    {
        var outcome = await processor.ChargeAsync(payment.IdempotencyKey, payment.OrderId, payment.Amount, cardNumber, ct);
        payment.Settle(outcome, time.GetUtcNow().UtcDateTime);
        return await RecordAsync(payment, PaymentStatus.Pending, outcome.Approved
            ? new PaymentSucceededIntegrationEvent(payment.OrderId, payment.Id, payment.Amount)
            : new PaymentFailedIntegrationEvent(payment.OrderId, payment.Id, outcome.DeclineReason!), ct);
    }

    /// <summary>
    /// A payment whose outcome is overdue (a crash, a processor error, a processor slower than the shopper's request):
    /// the processor settles its key. A charge it made is recorded (and its event sent); if it made none, the key is
    /// closed, so no charge with it can land any more, and the attempt is removed: the shopper may pay again.
    /// </summary>
    public async Task ResolveAsync(Payment payment, CancellationToken ct)
    {
        if (await processor.SettleAsync(payment.IdempotencyKey, payment.OrderId, ct) is not { } outcome)
        {
            if (await db.Payments.Where(p => p.Id == payment.Id && p.Status == PaymentStatus.Pending).ExecuteDeleteAsync(ct) == 1)
            {
                metrics.Abandoned();
            }
            return;
        }
        payment.Settle(outcome, time.GetUtcNow().UtcDateTime);
        await RecordAsync(payment, PaymentStatus.Pending, outcome.Approved
            ? new PaymentSucceededIntegrationEvent(payment.OrderId, payment.Id, payment.Amount)
            : new PaymentFailedIntegrationEvent(payment.OrderId, payment.Id, outcome.DeclineReason!), ct);
    }

    /// <summary>Gives a succeeded payment's money back (once, whoever asks how often) and records it Refunded.</summary>
    public async Task RefundAsync(Payment payment, CancellationToken ct)
    {
        if (payment.Status == PaymentStatus.Refunded) return;
        if (payment.Status != PaymentStatus.Succeeded)
        {
            throw new PermanentEventFailureException(
                $"Payment {payment.Id} of order {payment.OrderId} is {payment.Status}: there is nothing to refund.");
        }
        await processor.RefundAsync(payment.IdempotencyKey, payment.OrderId, ct);
        payment.Refund(time.GetUtcNow().UtcDateTime);
        await RecordAsync(payment, PaymentStatus.Succeeded, new PaymentRefundedIntegrationEvent(payment.OrderId, payment.Id, payment.Amount), ct);
    }

    /// <returns>The payment as recorded: changed here, or as another settlement left it; null when it no longer exists.</returns>
    /// <remarks>
    /// <paramref name="payment"/> is a detached copy (read without tracking), already changed in memory; it is recorded
    /// in one transaction of two statements: the conditional UPDATE and, only if it won, the event's outbox row.
    /// </remarks>
    private async Task<Payment?> RecordAsync(Payment payment, PaymentStatus from, IntegrationEvent announcement, CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var won = await db.Database.ExecuteSqlAsync($"""
                UPDATE payments SET Status = {payment.Status.ToString()}, FailureReason = {payment.FailureReason}, UpdatedAt = {payment.UpdatedAt}
                WHERE Id = {payment.Id} AND Status = {from.ToString()}
                """, ct) == 1;
            if (!won) return await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == payment.Id, ct);
            await db.AddIntegrationEventsAsync([announcement], ct);
            await transaction.CommitAsync(ct);
        }
        outbox.Notify();
        metrics.Recorded(payment);
        return payment;
    }
}
