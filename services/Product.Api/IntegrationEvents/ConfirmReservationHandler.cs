using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Product.Catalog;
using FlashSales.Product.Infrastructure;
using FlashSales.Product.Reservations;

namespace FlashSales.Product.IntegrationEvents;

/// <summary>A completed (paid) order's units are sold: stock and reserved both drop; availability is unchanged.</summary>
public sealed class ConfirmReservationHandler(
    ProductDbContext db, ReservationLifecycle reservations, ProductDetailCache cache, StockCounters counters, TimeProvider time)
    : IdempotentEventHandler<OrderCompletedIntegrationEvent, ProductDbContext>(db, time)
{
    private ConfirmedReservation? _confirmed;

    protected override async Task ApplyAsync(OrderCompletedIntegrationEvent @event, CancellationToken ct) =>
        _confirmed = await reservations.ConfirmAsync(@event.OrderId, ct);

    protected override async Task AfterCommitAsync(OrderCompletedIntegrationEvent @event, CancellationToken ct)
    {
        if (_confirmed is null) return;
        if (_confirmed.Retaken) await counters.ApplyAsync(_confirmed.UserId, _confirmed.Lines, -1);
        await cache.DropDetailsAsync([.. _confirmed.Lines.Select(l => l.ProductId)]);
    }
}
