using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Product.Catalog;
using FlashSales.Product.Infrastructure;
using FlashSales.Product.Reservations;

namespace FlashSales.Product.IntegrationEvents;

/// <summary>A completed (paid) order's units are sold: stock and reserved both drop; availability is unchanged.</summary>
public sealed class ConfirmReservationHandler(ProductDbContext db, ReservationLifecycle reservations, ProductDetailCache cache, TimeProvider time)
    : IdempotentEventHandler<OrderCompletedIntegrationEvent, ProductDbContext>(db, time)
{
    private EndedReservation? _confirmed;

    protected override async Task ApplyAsync(OrderCompletedIntegrationEvent @event, CancellationToken ct) =>
        _confirmed = await reservations.ConfirmAsync(@event.OrderId, ct);

    protected override Task AfterCommitAsync(OrderCompletedIntegrationEvent @event, CancellationToken ct) =>
        _confirmed is null ? Task.CompletedTask : cache.InvalidateAsync(_confirmed.Lines.Select(l => l.ProductId));
}
