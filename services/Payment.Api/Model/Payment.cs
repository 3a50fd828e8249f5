namespace FlashSales.Payment.Model;

public sealed class Payment
{
    private Payment() { }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public decimal Amount { get; private set; }
    public PaymentStatus Status { get; private set; }
    public string? FailureReason { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>The client's Idempotency-Key: one payment per order and key.</summary>
    public string IdempotencyKey { get; private set; } = "";

    public static Payment Record(Guid orderId, string idempotencyKey, decimal amount, PaymentOutcome outcome, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrderId = orderId,
        IdempotencyKey = idempotencyKey,
        Amount = amount,
        Status = outcome.Approved ? PaymentStatus.Succeeded : PaymentStatus.Failed,
        FailureReason = outcome.DeclineReason,
        CreatedAt = now,
    };
}

public sealed record PaymentOutcome(bool Approved, string? DeclineReason)
{
    public static readonly PaymentOutcome Approve = new(true, null);
    public static PaymentOutcome Decline(string reason) => new(false, reason);
}
