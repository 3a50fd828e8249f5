namespace FlashSales.Catalog.Model;

/// <summary>
/// Units of one product held for one order: a lease until <see cref="ExpiresAt"/>. It ends confirmed (the order was
/// paid; permanent) or released (the order failed, was cancelled, or the lease lapsed: the product service releases
/// lapsed leases by itself, so units never stay held for an order that was never recorded).
/// </summary>
public sealed class Reservation
{
    private Reservation() { }

    public Reservation(Guid orderId, Guid productId, string userId, int quantity, DateTime now, DateTime expiresAt)
    {
        OrderId = orderId;
        ProductId = productId;
        UserId = userId;
        Quantity = quantity;
        Status = ReservationStatus.Reserved;
        CreatedAt = now;
        UpdatedAt = now;
        ExpiresAt = expiresAt;
    }

    public Guid OrderId { get; private set; }
    public Guid ProductId { get; private set; }
    public string UserId { get; private set; } = "";
    public int Quantity { get; private set; }
    public ReservationStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>When the lease lapses, unless confirmed first.</summary>
    public DateTime ExpiresAt { get; private set; }

    /// <summary>The order was paid: the units are sold, for good. A lease released before its confirmation arrived can be confirmed once its units
    /// were taken again.</summary>
    public void Confirm(DateTime now)
    {
        if (Status == ReservationStatus.Confirmed) throw new InvalidOperationException($"Reservation of order {OrderId} is already confirmed.");
        Status = ReservationStatus.Confirmed;
        UpdatedAt = now;
    }
}

public enum ReservationStatus
{
    Reserved,
    Confirmed,
    Released,
}
