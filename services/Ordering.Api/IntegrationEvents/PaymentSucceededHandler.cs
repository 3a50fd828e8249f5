namespace FlashSales.Ordering.IntegrationEvents;

/// <summary>
/// Every paid order ends Completed or Refunded, whatever the order of events: a payment that succeeds for a Pending
/// order completes it, and so does one for an order that expired meanwhile (its event held up by an outage): the
/// product service takes the units again if they are still there, and announces a shortage if not, which refunds it.
/// A payment for an order the shopper cancelled (or that failed) asks for a refund.
/// </summary>
public sealed class PaymentSucceededHandler(OrderDbContext db, TimeProvider time, ILogger<PaymentSucceededHandler> logger)
    : OrderEventHandler<PaymentSucceededIntegrationEvent>(db, time)
{
    protected override async Task ApplyAsync(PaymentSucceededIntegrationEvent @event, CancellationToken ct)
    {
        var order = await LockedOrderAsync(@event, ct);
        if (order.Status is OrderStatus.Pending or OrderStatus.Expired)
        {
            if (Now > order.ExpiresAt) logger.LogInformation(
                "Order {OrderId} was paid after its lease ended; its units are taken again if still there", order.Id);
            order.MoveTo(OrderStatus.Completed, Now);
            Db.AddIntegrationEvent(new OrderCompletedIntegrationEvent(order.Id));
            return;
        }
        if (order.Status is OrderStatus.Cancelled or OrderStatus.Failed)
        {
            logger.LogWarning("Order {OrderId} was paid after it ended ({Status}); the payment is refunded", order.Id, order.Status);
            RequestRefund(order, $"paid after the order was {order.Status.ToString().ToLowerInvariant()}");
            return;
        }
        logger.LogInformation("Order {OrderId} is {Status}; its payment's success changes nothing", order.Id, order.Status);
    }
}
