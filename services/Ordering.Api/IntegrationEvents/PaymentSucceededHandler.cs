using FlashSales.IntegrationEvents;
using FlashSales.Ordering.Infrastructure;

namespace FlashSales.Ordering.IntegrationEvents;

public sealed class PaymentSucceededHandler(OrderDbContext db, TimeProvider time, ILogger<PaymentSucceededHandler> logger)
    : OrderEventHandler<PaymentSucceededIntegrationEvent>(db, time)
{
    protected override Guid OrderIdOf(PaymentSucceededIntegrationEvent @event) => @event.OrderId;

    protected override async Task ApplyAsync(PaymentSucceededIntegrationEvent @event, CancellationToken ct) =>
        OrderTransitions.ApplyPaymentSucceeded(Db, await LockedOrderAsync(@event, ct), @event.OrderId, Time, logger);
}
