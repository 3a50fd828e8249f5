namespace FlashSales.Payments.Model;

/// <summary>
/// An order's payment: recorded as Pending with its Idempotency-Key before the processor is called, then settled with
/// the processor's outcome. One per order: a declined payment fails the order, so there is never a second attempt; a succeeded one is refunded
/// if the order cannot be fulfilled.
/// </summary>
public sealed class Payment
{
    private Payment() { }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }

    /// <summary>Who pays: the order's owner, the only user who may see the payment.</summary>
    public string UserId { get; private set; } = "";
    public decimal Amount { get; private set; }
    public PaymentStatus Status { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>The client's Idempotency-Key, also handed to the processor: one charge per key.</summary>
    public string IdempotencyKey { get; private set; } = "";

    public static Payment Attempt(Guid orderId, string userId, string idempotencyKey, decimal amount, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrderId = orderId,
        UserId = userId,
        IdempotencyKey = idempotencyKey,
        Amount = amount,
        Status = PaymentStatus.Pending,
        CreatedAt = Microseconds(now),
        UpdatedAt = Microseconds(now),
    };

    public void Settle(PaymentOutcome outcome, DateTime now)
    {
        if (Status != PaymentStatus.Pending) throw new InvalidOperationException($"Payment {Id} is already {Status}.");
        Status = outcome.Approved ? PaymentStatus.Succeeded : PaymentStatus.Failed;
        FailureReason = outcome.DeclineReason;
        UpdatedAt = Microseconds(now);
    }

    public void Refund(DateTime now)
    {
        if (Status != PaymentStatus.Succeeded) throw new InvalidOperationException(
            $"Payment {Id} is {Status}; only a succeeded payment is refunded.");
        Status = PaymentStatus.Refunded;
        UpdatedAt = Microseconds(now);
    }

    // MySQL's datetime(6) keeps microseconds: a payment answered at once equals the same payment read back later.
    private static DateTime Microseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
}

public sealed record PaymentOutcome(bool Approved, string? DeclineReason)
{
    public static readonly PaymentOutcome Approve = new(true, null);
    public static PaymentOutcome Decline(string reason) => new(false, reason);
}
