using FlashSales.EventBus;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Order.Infrastructure;
using FlashSales.Order.Model;

namespace FlashSales.Order.IntegrationEvents;

public sealed class PaymentFailedHandler(OrderDbContext db, TimeProvider time, ILogger<PaymentFailedHandler> logger)
    : IdempotentEventHandler<PaymentFailedIntegrationEvent, OrderDbContext>(db, time),
      IBatchIntegrationEventHandler<PaymentFailedIntegrationEvent>
{
    protected override Task ApplyAsync(PaymentFailedIntegrationEvent @event, CancellationToken ct) =>
        OrderTransitions.ApplyPaymentOutcomeAsync(Db, @event.OrderId, OrderStatus.Failed,
            new OrderFailedIntegrationEvent(@event.OrderId, @event.Reason), Time, logger, ct);
}
