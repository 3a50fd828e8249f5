using FlashSales.EventBus;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Order.Infrastructure;
using FlashSales.Order.Model;

namespace FlashSales.Order.IntegrationEvents;

internal static class OrderTransitions
{
    /// <summary>
    /// Moves the order to the payment's outcome and announces it. A payment for an order that can no longer take it
    /// (already expired or cancelled) never moves the order back: a successful one is recorded as needing a refund.
    /// A success that arrives after the order's lease ended expires the order instead (refund required): only an
    /// order completed within its lease is confirmed, so the confirmation reaches the product service within the
    /// lease's grace.
    /// <paramref name="order"/> was read with its row locked (the handler runs in a transaction): the expiry worker and
    /// cancel lock it too, so an order they ended is seen ended, never overwritten by a copy read before their commit.
    /// </summary>
    public static void ApplyPaymentOutcome(
        OrderDbContext db, Model.Order? order, Guid orderId, OrderStatus outcome, IntegrationEvent announcement, TimeProvider time, ILogger logger)
    {
        if (order is null)
        {
            logger.LogWarning("Payment outcome {Outcome} for unknown order {OrderId}", outcome, orderId);
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (outcome == OrderStatus.Completed && order.Status == OrderStatus.Pending && now > order.ExpiresAt)
        {
            logger.LogWarning("Payment for order {OrderId} arrived after its lease ended; the order expires and is refunded", orderId);
            order.MoveTo(OrderStatus.Expired, now);
            order.FlagRefund(now);
            db.AddIntegrationEvent(new OrderExpiredIntegrationEvent(orderId));
            return;
        }
        if (!OrderStateMachine.CanMove(order.Status, outcome))
        {
            logger.LogWarning("Order {OrderId} is {Status}; payment outcome {Outcome} is recorded but not applied", orderId, order.Status, outcome);
            if (outcome == OrderStatus.Completed) order.FlagRefund(now);
            return;
        }
        order.MoveTo(outcome, now);
        db.AddIntegrationEvent(announcement);
    }
}
