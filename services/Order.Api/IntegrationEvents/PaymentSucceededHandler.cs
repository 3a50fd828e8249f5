using FlashSales.EventBus;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Order.Infrastructure;
using FlashSales.Order.Model;

namespace FlashSales.Order.IntegrationEvents;

public sealed class PaymentSucceededHandler(OrderDbContext db, TimeProvider time, ILogger<PaymentSucceededHandler> logger)
    : IdempotentEventHandler<PaymentSucceededIntegrationEvent, OrderDbContext>(db, time),
      IBatchIntegrationEventHandler<PaymentSucceededIntegrationEvent>
{
    protected override Task ApplyAsync(PaymentSucceededIntegrationEvent @event, CancellationToken ct) =>
        OrderTransitions.ApplyPaymentOutcomeAsync(Db, @event.OrderId, OrderStatus.Completed,
            new OrderCompletedIntegrationEvent(@event.OrderId), Time, logger, ct);
}
