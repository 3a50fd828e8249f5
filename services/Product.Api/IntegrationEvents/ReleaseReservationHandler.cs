using FlashSales.EventBus;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Product.Infrastructure;
using FlashSales.Product.Reservations;

namespace FlashSales.Product.IntegrationEvents;

/// <summary>An order that failed, expired or was cancelled gives its units back, in MySQL and then in the Redis counters.</summary>
public sealed class ReleaseReservationHandler<TEvent>(ProductDbContext db, ReservationLifecycle reservations, StockCounters counters, TimeProvider time)
    : IdempotentEventHandler<TEvent, ProductDbContext>(db, time)
    where TEvent : IntegrationEvent, IOrderEvent
{
    private EndedReservation? _released;

    protected override async Task ApplyAsync(TEvent @event, CancellationToken ct) =>
        _released = await reservations.ReleaseAsync(@event.OrderId, ct);

    protected override Task AfterCommitAsync(TEvent @event, CancellationToken ct) =>
        _released is null ? Task.CompletedTask : counters.ApplyAsync(_released.UserId, _released.Lines, +1);
}
