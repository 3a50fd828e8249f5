using FlashSales.EventBus;
using FlashSales.IntegrationEvents;
using FlashSales.Ordering.Infrastructure;
using FlashSales.Ordering.Model;

namespace FlashSales.Ordering.IntegrationEvents;

/// <summary>A paid order's units could not be confirmed (its lease had been released and the units sold): refund it.</summary>
public sealed class StockShortHandler(OrderDbContext db, TimeProvider time, ILogger<StockShortHandler> logger)
    : OrderEventHandler<StockShortIntegrationEvent>(db, time)
{
    protected override Guid OrderIdOf(StockShortIntegrationEvent @event) => @event.OrderId;

    protected override async Task ApplyAsync(StockShortIntegrationEvent @event, CancellationToken ct)
    {
        var order = await LockedOrderAsync(@event, ct)
            ?? throw new PermanentEventFailureException($"Stock was short for order {@event.OrderId}, which does not exist.");
        if (order.Status != OrderStatus.Completed) return;
        logger.LogWarning("Order {OrderId} was paid but its units were gone when the confirmation arrived; refunding", @event.OrderId);
        OrderTransitions.RequestRefund(Db, order, "units sold out before the payment was confirmed", Time.GetUtcNow().UtcDateTime);
    }
}
