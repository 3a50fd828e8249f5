namespace FlashSales.Product.Model;

/// <summary>Units of one product held for one order, until the order is paid (confirmed) or not (released).</summary>
public sealed class Reservation
{
    private Reservation() { }

    public Reservation(Guid orderId, Guid productId, string userId, int quantity, DateTime now)
    {
        OrderId = orderId;
        ProductId = productId;
        UserId = userId;
        Quantity = quantity;
        Status = ReservationStatus.Reserved;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid OrderId { get; private set; }
    public Guid ProductId { get; private set; }
    public string UserId { get; private set; } = "";
    public int Quantity { get; private set; }
    public ReservationStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public void End(ReservationStatus end, DateTime now)
    {
        if (Status != ReservationStatus.Reserved) throw new InvalidOperationException($"Reservation of order {OrderId} is already {Status}.");
        Status = end;
        UpdatedAt = now;
    }
}

public enum ReservationStatus
{
    Reserved,
    Confirmed,
    Released,
}
