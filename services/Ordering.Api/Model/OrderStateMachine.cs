namespace FlashSales.Ordering.Model;

/// <summary>The one place that says which order status may follow which. Everything else asks it.</summary>
public static class OrderStateMachine
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.Pending] = [OrderStatus.Completed, OrderStatus.Failed, OrderStatus.Expired, OrderStatus.Cancelled],
        // A paid order whose units were gone when its confirmation arrived.
        [OrderStatus.Completed] = [OrderStatus.Refunding],
        // A payment that succeeded after the order had ended.
        [OrderStatus.Failed] = [OrderStatus.Refunding],
        // A payment that succeeded after the order's lease lapsed: it takes the units again, or is refunded if they are gone.
        [OrderStatus.Expired] = [OrderStatus.Completed, OrderStatus.Refunding],
        [OrderStatus.Cancelled] = [OrderStatus.Refunding],
        [OrderStatus.Refunding] = [OrderStatus.Refunded],
        [OrderStatus.Refunded] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    public static bool IsFinal(OrderStatus status) => Allowed[status].Length == 0;
}
