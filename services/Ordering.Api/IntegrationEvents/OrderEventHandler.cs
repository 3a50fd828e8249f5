using System.Data;
using FlashSales.EventBus;

namespace FlashSales.Ordering.IntegrationEvents;

/// <summary>
/// A handler of events about one order each (payment outcomes, shortages), applied one at a time or in batches. Either
/// way the order's row is locked before anything is decided; a batch locks all its orders with one statement. The
/// expiry worker and cancelling lock it too, so an order they ended is seen ended, never overwritten by a copy read
/// before their commit.
/// </summary>
public abstract class OrderEventHandler<TEvent>(OrderDbContext db, TimeProvider time)
    : IdempotentEventHandler<TEvent, OrderDbContext>(db, time), IBatchIntegrationEventHandler<TEvent>
    where TEvent : OrderIntegrationEvent
{
    private Dictionary<Guid, Order>? _batch;

    // Read committed, as every transaction that moves an order's status (OrderIsolation): each decides on rows it read
    // locked, and takes no gap locks where the order path inserts new orders.
    protected override IsolationLevel? Isolation => OrderIsolation.StatusChanges;

    protected DateTime Now => Time.GetUtcNow().UtcDateTime;

    protected override async Task BeforeBatchAsync(IReadOnlyList<TEvent> events, CancellationToken ct) =>
        _batch = (await Db.Orders.LockAllAsync([.. events.Select(e => e.OrderId).Distinct()], ct)).ToDictionary(o => o.Id);

    /// <summary>
    /// The event's order, its row locked until the transaction ends. Events only follow an order the order service
    /// answered, so a missing one cannot be retried into existence: the event is dead-lettered.
    /// </summary>
    protected async Task<Order> LockedOrderAsync(TEvent @event, CancellationToken ct) =>
        (_batch is not null ? _batch.GetValueOrDefault(@event.OrderId) : await Db.Orders.LockedAsync(@event.OrderId, ct))
        ?? throw new PermanentEventFailureException($"{typeof(TEvent).Name} for order {@event.OrderId}, which does not exist.");

    /// <summary>The paid order cannot be fulfilled: it moves to Refunding, and the payment service gives the money back.</summary>
    protected void RequestRefund(Order order, string reason)
    {
        order.MoveTo(OrderStatus.Refunding, Now);
        Db.AddIntegrationEvent(new OrderRefundRequestedIntegrationEvent(order.Id, reason));
    }
}
