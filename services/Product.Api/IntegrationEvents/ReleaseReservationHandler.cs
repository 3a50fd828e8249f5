using FlashSales.EventBus;
using FlashSales.IntegrationEvents;
using FlashSales.Product.Reservations;

namespace FlashSales.Product.IntegrationEvents;

/// <summary>
/// An order that failed or was cancelled gives its units back before its lease ends. Releasing touches only rows still
/// held, so a redelivered event changes nothing and needs no processed-event row.
/// </summary>
public sealed class ReleaseReservationHandler<TEvent>(ReservationReleaser releaser) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent, IOrderEvent
{
    public Task Handle(TEvent @event, CancellationToken cancellationToken) =>
        releaser.ReleaseOrdersAsync([@event.OrderId], cancellationToken);
}
