namespace FlashSales.Order.Model;

public sealed class Order
{
    private readonly List<OrderLine> _lines = [];

    private Order() { }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public OrderStatus Status { get; private set; }
    public decimal Total { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public IReadOnlyList<OrderLine> Lines => _lines;

    public static Order Place(string userId, IEnumerable<OrderLine> lines, DateTime now)
    {
        var order = new Order { Id = Guid.CreateVersion7(), UserId = userId, Status = OrderStatus.Pending, CreatedAt = now, UpdatedAt = now };
        order._lines.AddRange(lines);
        order.Total = order._lines.Sum(l => l.UnitPrice * l.Quantity);
        return order;
    }

    public void MoveTo(OrderStatus next, DateTime now)
    {
        if (!OrderStateMachine.CanMove(Status, next)) throw new InvalidOrderTransitionException(Id, Status, next);
        Status = next;
        UpdatedAt = now;
    }
}
