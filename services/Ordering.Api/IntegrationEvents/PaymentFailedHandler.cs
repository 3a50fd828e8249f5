using FlashSales.IntegrationEvents;
using FlashSales.Ordering.Infrastructure;

namespace FlashSales.Ordering.IntegrationEvents;

public sealed class PaymentFailedHandler(OrderDbContext db, TimeProvider time, ILogger<PaymentFailedHandler> logger)
    : OrderEventHandler<PaymentFailedIntegrationEvent>(db, time)
{
    protected override Guid OrderIdOf(PaymentFailedIntegrationEvent @event) => @event.OrderId;

    protected override async Task ApplyAsync(PaymentFailedIntegrationEvent @event, CancellationToken ct) =>
        OrderTransitions.ApplyPaymentFailed(Db, await LockedOrderAsync(@event, ct), @event.OrderId, @event.Reason, Time, logger);
}
