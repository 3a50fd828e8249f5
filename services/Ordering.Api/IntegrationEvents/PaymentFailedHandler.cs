namespace FlashSales.Ordering.IntegrationEvents;

/// <summary>A declined payment fails its Pending order, which gives the order's units back.</summary>
public sealed class PaymentFailedHandler(OrderDbContext db, TimeProvider time, ILogger<PaymentFailedHandler> logger)
    : OrderEventHandler<PaymentFailedIntegrationEvent>(db, time)
{
    protected override async Task ApplyAsync(PaymentFailedIntegrationEvent @event, CancellationToken ct)
    {
        var order = await LockedOrderAsync(@event, ct);
        if (order.Status != OrderStatus.Pending)
        {
            logger.LogInformation("Order {OrderId} is {Status}; its payment's failure changes nothing", order.Id, order.Status);
            return;
        }
        order.MoveTo(OrderStatus.Failed, Now);
        Db.AddIntegrationEvent(new OrderFailedIntegrationEvent(order.Id, @event.Reason));
    }
}
