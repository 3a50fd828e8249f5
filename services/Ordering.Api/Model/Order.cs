namespace FlashSales.Ordering.Model;

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

    /// <summary>When the reservation lapses: an order still Pending then is expired and its stock released.</summary>
    public DateTime ExpiresAt { get; private set; }

    /// <summary>The client's Idempotency-Key: one order per user and key, however often the request is retried.</summary>
    public string? IdempotencyKey { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    public static Order Place(string userId, IEnumerable<OrderLine> lines, DateTime now, TimeSpan reservationTtl, string? idempotencyKey = null) =>
        Place(Guid.CreateVersion7(), userId, lines, now, now + reservationTtl, idempotencyKey);

    /// <summary>A Pending order holding its stock until <paramref name="expiresAt"/> (the reservation's lease).</summary>
    public static Order Place(Guid id, string userId, IEnumerable<OrderLine> lines, DateTime now, DateTime expiresAt, string? idempotencyKey)
    {
        now = Microseconds(now);
        var order = new Order
        {
            Id = id, UserId = userId, Status = OrderStatus.Pending, CreatedAt = now, UpdatedAt = now,
            ExpiresAt = Microseconds(expiresAt), IdempotencyKey = idempotencyKey,
        };
        order._lines.AddRange(lines);
        order.Total = OrderLine.Money(order._lines.Sum(l => l.UnitPrice * l.Quantity));
        return order;
    }

    public void MoveTo(OrderStatus next, DateTime now)
    {
        if (!OrderStateMachine.CanMove(Status, next)) throw new InvalidOrderTransitionException(Id, Status, next);
        Status = next;
        UpdatedAt = now;
    }

    // MySQL's datetime(6) keeps microseconds: an order answered at once equals the same order read back later.
    private static DateTime Microseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
}
