namespace FlashSales.Order.Model;

/// <summary>The one place that says which order status may follow which. Everything else asks it.</summary>
public static class OrderStateMachine
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.Pending] = [OrderStatus.Completed, OrderStatus.Failed, OrderStatus.Expired, OrderStatus.Cancelled],
        [OrderStatus.Completed] = [],
        [OrderStatus.Failed] = [],
        [OrderStatus.Expired] = [],
        [OrderStatus.Cancelled] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    public static bool IsFinal(OrderStatus status) => Allowed[status].Length == 0;
}
