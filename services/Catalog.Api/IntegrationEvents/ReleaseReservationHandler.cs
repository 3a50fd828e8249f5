using FlashSales.EventBus;
using FlashSales.IntegrationEvents;
using FlashSales.Catalog.Reservations;

namespace FlashSales.Catalog.IntegrationEvents;

/// <summary>
/// An order that failed or was cancelled gives its units back before its lease ends. Releasing touches only rows still
/// held, so a redelivered event changes nothing and needs no processed-event row; a batch of such orders is released
/// in one transaction.
/// </summary>
public sealed class ReleaseReservationHandler<TEvent>(ReservationReleaser releaser) : IBatchIntegrationEventHandler<TEvent>
    where TEvent : OrderIntegrationEvent
{
    public Task Handle(TEvent @event, CancellationToken cancellationToken) =>
        releaser.ReleaseOrdersAsync([@event.OrderId], cancellationToken);

    public Task HandleBatch(IReadOnlyList<TEvent> events, CancellationToken cancellationToken) =>
        releaser.ReleaseOrdersAsync([.. events.Select(e => e.OrderId).Distinct()], cancellationToken);
}
