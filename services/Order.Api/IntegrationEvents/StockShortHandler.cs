using FlashSales.IntegrationEvents;
using FlashSales.Order.Infrastructure;

namespace FlashSales.Order.IntegrationEvents;

/// <summary>A paid order's units could not be confirmed (its lease had been released and the units sold): refund it.</summary>
public sealed class StockShortHandler(OrderDbContext db, TimeProvider time, ILogger<StockShortHandler> logger)
    : OrderEventHandler<StockShortIntegrationEvent>(db, time)
{
    protected override Guid OrderIdOf(StockShortIntegrationEvent @event) => @event.OrderId;

    protected override async Task ApplyAsync(StockShortIntegrationEvent @event, CancellationToken ct)
    {
        var order = await LockedOrderAsync(@event, ct);
        if (order is null) return;
        logger.LogError("Order {OrderId} was paid but its units were gone when the confirmation arrived; refund required", @event.OrderId);
        order.FlagRefund(Time.GetUtcNow().UtcDateTime);
    }
}
