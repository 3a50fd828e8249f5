using System.Data;
using FlashSales.EventBus;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Catalog.Browsing;
using FlashSales.Catalog.Reservations;

namespace FlashSales.Catalog.IntegrationEvents;

/// <summary>
/// A completed (paid) order's units are sold: stock and reserved both drop; availability is unchanged. Completed orders
/// received together are confirmed in one transaction: their reservations locked with one statement first, the
/// products' rows written with one statement last.
/// </summary>
public sealed class ConfirmReservationHandler(
    ProductDbContext db,
    ReservationLifecycle reservations,
    ProductDetailCache cache,
    StockCounters counters,
    StockMetrics metrics,
    TimeProvider time)
    : IdempotentEventHandler<OrderCompletedIntegrationEvent, ProductDbContext>(db, time),
        IBatchIntegrationEventHandler<OrderCompletedIntegrationEvent>
{
    private readonly Dictionary<Guid, ConfirmedReservation> _confirmed = [];

    // Read committed: the orders' reservation rows are locked without the gaps beside them. Under repeatable read a
    // batch locked the gaps around each of its orders, where the order path's new leases are inserted, and the two
    // deadlocked (17 times in a full seed-scenario run). Every row a confirmation decides on is read locked, so it
    // needs no repeatable reads.
    protected override IsolationLevel? Isolation => IsolationLevel.ReadCommitted;

    protected override Task BeforeBatchAsync(IReadOnlyList<OrderCompletedIntegrationEvent> events, CancellationToken ct) =>
        reservations.LockAsync([.. events.Select(e => e.OrderId).Distinct()], ct);

    protected override async Task ApplyAsync(OrderCompletedIntegrationEvent @event, CancellationToken ct)
    {
        if (await reservations.ConfirmAsync(@event.OrderId, ct) is { } confirmed) _confirmed[@event.OrderId] = confirmed;
    }

    // Synchronous, so that the commit is sent as soon as MySQL answers (the products' rows are locked until then).
    protected override Task BeforeCommitAsync(CancellationToken ct)
    {
        reservations.SellConfirmed();
        return Task.CompletedTask;
    }

    protected override async Task AfterCommitAsync(OrderCompletedIntegrationEvent @event, CancellationToken ct)
    {
        if (!_confirmed.Remove(@event.OrderId, out var confirmed)) return;
        metrics.Leases("sold", 1);
        if (confirmed.Retaken) await counters.ApplyAsync(confirmed.UserId, confirmed.Lines, -1);
        await cache.DropDetailsAsync([.. confirmed.Lines.Select(l => l.ProductId)]);
    }
}
