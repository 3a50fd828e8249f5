using FlashSales.Order.Infrastructure;
using FlashSales.Order.Model;

namespace FlashSales.Order.IntegrationEvents;

internal static class OrderTransitions
{
    /// <summary>
    /// Moves the order to the payment's outcome. A payment for an order that can no longer take it (already expired or
    /// cancelled) is logged and left alone: the order never moves back.
    /// </summary>
    public static async Task ApplyPaymentOutcomeAsync(
        OrderDbContext db, Guid orderId, OrderStatus outcome, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var order = await db.Orders.FindAsync([orderId], ct);
        if (order is null)
        {
            logger.LogWarning("Payment outcome {Outcome} for unknown order {OrderId}", outcome, orderId);
            return;
        }
        if (!OrderStateMachine.CanMove(order.Status, outcome))
        {
            logger.LogWarning("Order {OrderId} is {Status}; payment outcome {Outcome} is recorded but not applied",
                orderId, order.Status, outcome);
            return;
        }
        order.MoveTo(outcome, time.GetUtcNow().UtcDateTime);
    }
}
