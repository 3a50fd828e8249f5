using FlashSales.EventBus;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Ordering.Infrastructure;
using FlashSales.Ordering.Model;

namespace FlashSales.Ordering.IntegrationEvents;

/// <summary>
/// How payments move orders. Every paid order ends Completed or Refunded, whatever the order of events: a payment that
/// succeeds for a Pending order completes it, and so does one for an order that expired meanwhile (its event held up by
/// an outage): the product service takes the units again if they are still there, and announces a shortage if not,
/// which refunds it. A payment for an order the shopper cancelled (or that failed) asks for a refund. Each order was read with its row locked (the
/// handler runs in a transaction): the expiry worker and
/// cancel lock it too, so an order they ended is seen ended, never overwritten by a copy read before their commit.
/// </summary>
internal static class OrderTransitions
{
    public static void ApplyPaymentSucceeded(OrderDbContext db, Order? order, Guid orderId, TimeProvider time, ILogger logger)
    {
        if (order is null)
        {
            // A payment is only taken for an order the order service answered, so this cannot be retried into success.
            throw new PermanentEventFailureException($"Payment succeeded for order {orderId}, which does not exist.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (order.Status is OrderStatus.Pending or OrderStatus.Expired)
        {
            if (now > order.ExpiresAt) logger.LogInformation(
                "Order {OrderId} was paid after its lease ended; its units are taken again if still there", orderId);
            order.MoveTo(OrderStatus.Completed, now);
            db.AddIntegrationEvent(new OrderCompletedIntegrationEvent(orderId));
            return;
        }
        if (order.Status is OrderStatus.Cancelled or OrderStatus.Failed)
        {
            logger.LogWarning("Order {OrderId} was paid after it ended ({Status}); the payment is refunded", orderId, order.Status);
            RequestRefund(db, order, $"paid after the order was {order.Status.ToString().ToLowerInvariant()}", now);
            return;
        }
        logger.LogInformation("Order {OrderId} is {Status}; its payment's success changes nothing", orderId, order.Status);
    }

    public static void ApplyPaymentFailed(OrderDbContext db, Order? order, Guid orderId, string reason, TimeProvider time, ILogger logger)
    {
        if (order is null) throw new PermanentEventFailureException($"Payment failed for order {orderId}, which does not exist.");
        if (order.Status != OrderStatus.Pending)
        {
            logger.LogInformation("Order {OrderId} is {Status}; its payment's failure changes nothing", orderId, order.Status);
            return;
        }
        order.MoveTo(OrderStatus.Failed, time.GetUtcNow().UtcDateTime);
        db.AddIntegrationEvent(new OrderFailedIntegrationEvent(orderId, reason));
    }

    /// <summary>The paid order cannot be fulfilled: it moves to Refunding, and the payment service gives the money back.</summary>
    public static void RequestRefund(OrderDbContext db, Order order, string reason, DateTime now)
    {
        order.MoveTo(OrderStatus.Refunding, now);
        db.AddIntegrationEvent(new OrderRefundRequestedIntegrationEvent(order.Id, reason));
    }
}
