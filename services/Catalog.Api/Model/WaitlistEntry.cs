namespace FlashSales.Catalog.Model;

/// <summary>
/// A shopper waiting for a unit of a sold-out event product. Units that come back while anyone waits are offered in
/// the order shoppers joined: the first in line gets a claim of their own (an order with its own lease and pay window),
/// and the entry ends there; an unpaid claim lapses like any other, and its unit goes to the next in line.
/// </summary>
public sealed class WaitlistEntry
{
    private WaitlistEntry() { }

    public WaitlistEntry(Guid productId, string userId, DateTime now)
    {
        ProductId = productId;
        UserId = userId;
        Status = WaitlistStatus.Waiting;
        JoinedAt = now;
        UpdatedAt = now;
    }

    public Guid ProductId { get; private set; }
    public string UserId { get; private set; } = "";
    public WaitlistStatus Status { get; private set; }
    public DateTime JoinedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>The order the shopper's claim became, once offered.</summary>
    public Guid? OrderId { get; private set; }

    public void Offer(Guid orderId, DateTime now)
    {
        Status = WaitlistStatus.Offered;
        OrderId = orderId;
        UpdatedAt = now;
    }

    /// <summary>The shopper could no longer take a unit (they reached the per-shopper limit meanwhile).</summary>
    public void Pass(DateTime now)
    {
        Status = WaitlistStatus.Passed;
        UpdatedAt = now;
    }
}

public enum WaitlistStatus
{
    Waiting,
    Offered,
    Passed,
}
