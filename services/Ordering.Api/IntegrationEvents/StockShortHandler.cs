namespace FlashSales.Ordering.IntegrationEvents;

/// <summary>A paid order's units could not be confirmed (its lease had been released and the units sold): refund it.</summary>
public sealed class StockShortHandler(OrderDbContext db, TimeProvider time, ILogger<StockShortHandler> logger)
    : OrderEventHandler<StockShortIntegrationEvent>(db, time)
{
    protected override async Task ApplyAsync(StockShortIntegrationEvent @event, CancellationToken ct)
    {
        var order = await LockedOrderAsync(@event, ct);
        if (order.Status != OrderStatus.Completed) return;
        logger.LogWarning("Order {OrderId} was paid but its units were gone when the confirmation arrived; refunding", order.Id);
        RequestRefund(order, "units sold out before the payment was confirmed");
    }
}
