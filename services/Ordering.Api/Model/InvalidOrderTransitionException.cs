namespace FlashSales.Ordering.Model;

public sealed class InvalidOrderTransitionException(Guid orderId, OrderStatus from, OrderStatus to)
    : InvalidOperationException($"Order {orderId} is {from} and cannot become {to}.")
{
    public OrderStatus From { get; } = from;
    public OrderStatus To { get; } = to;
}
