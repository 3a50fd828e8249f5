using System.Data;
using FlashSales.EventBus;
using FlashSales.IntegrationEventLog;
using FlashSales.Ordering.Infrastructure;
using FlashSales.Ordering.Model;

namespace FlashSales.Ordering.IntegrationEvents;

/// <summary>
/// A handler of events about one order each (payment outcomes, shortages), applied one at a time or in batches. Either
/// way the order's row is locked before anything is decided; a batch locks all its orders with one statement.
/// </summary>
public abstract class OrderEventHandler<TEvent>(OrderDbContext db, TimeProvider time)
    : IdempotentEventHandler<TEvent, OrderDbContext>(db, time), IBatchIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    private Dictionary<Guid, Order>? _batch;

    // Read committed, as every transaction that moves an order's status (OrderIsolation): each decides on rows it read
    // locked, and takes no gap locks where the order path inserts new orders.
    protected override IsolationLevel? Isolation => OrderIsolation.StatusChanges;

    protected abstract Guid OrderIdOf(TEvent @event);

    protected override async Task BeforeBatchAsync(IReadOnlyList<TEvent> events, CancellationToken ct) =>
        _batch = (await Db.Orders.LockAllAsync([.. events.Select(OrderIdOf).Distinct()], ct)).ToDictionary(o => o.Id);

    /// <summary>The event's order, its row locked until the transaction ends; null when there is no such order.</summary>
    protected async Task<Order?> LockedOrderAsync(TEvent @event, CancellationToken ct) =>
        _batch is not null ? _batch.GetValueOrDefault(OrderIdOf(@event)) : await Db.Orders.LockedAsync(OrderIdOf(@event), ct);
}
