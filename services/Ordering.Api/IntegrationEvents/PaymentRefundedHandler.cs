namespace FlashSales.Ordering.IntegrationEvents;

/// <summary>The money of an order being refunded went back: the order is Refunded.</summary>
public sealed class PaymentRefundedHandler(OrderDbContext db, TimeProvider time, ILogger<PaymentRefundedHandler> logger)
    : OrderEventHandler<PaymentRefundedIntegrationEvent>(db, time)
{
    protected override async Task ApplyAsync(PaymentRefundedIntegrationEvent @event, CancellationToken ct)
    {
        var order = await LockedOrderAsync(@event, ct);
        if (order.Status != OrderStatus.Refunding)
        {
            logger.LogWarning("Order {OrderId} is {Status}; its payment's refund is recorded on the payment only", order.Id, order.Status);
            return;
        }
        order.MoveTo(OrderStatus.Refunded, Now);
    }
}
