using FlashSales.EventBus;
using FlashSales.IntegrationEvents;

namespace FlashSales.Payments.Payments;

/// <summary>
/// Refunds the payment of an order that cannot be fulfilled. Needs no processed-event row: the processor refunds a
/// charge once and the payment is recorded Refunded once, so a redelivered request changes nothing; a processor or
/// database away fails the attempt, and the event is tried again until it succeeds.
/// </summary>
public sealed class RefundRequestedHandler(PaymentDbContext db, PaymentSettlement settlement, ILogger<RefundRequestedHandler> logger)
    : IIntegrationEventHandler<OrderRefundRequestedIntegrationEvent>
{
    public async Task Handle(OrderRefundRequestedIntegrationEvent @event, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.OrderId == @event.OrderId, cancellationToken)
            ?? throw new PermanentEventFailureException($"Order {@event.OrderId} asked for a refund and has no payment.");
        logger.LogInformation("Refunding payment {PaymentId} of order {OrderId}: {Reason}", payment.Id, payment.OrderId, @event.Reason);
        await settlement.RefundAsync(payment, cancellationToken);
    }
}
