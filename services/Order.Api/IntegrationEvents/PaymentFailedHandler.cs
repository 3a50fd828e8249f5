using FlashSales.IntegrationEvents;
using FlashSales.Order.Infrastructure;

namespace FlashSales.Order.IntegrationEvents;

public sealed class PaymentFailedHandler(OrderDbContext db, TimeProvider time, ILogger<PaymentFailedHandler> logger)
    : OrderEventHandler<PaymentFailedIntegrationEvent>(db, time)
{
    protected override Guid OrderIdOf(PaymentFailedIntegrationEvent @event) => @event.OrderId;

    protected override async Task ApplyAsync(PaymentFailedIntegrationEvent @event, CancellationToken ct) =>
        OrderTransitions.ApplyPaymentFailed(Db, await LockedOrderAsync(@event, ct), @event.OrderId, @event.Reason, Time, logger);
}
