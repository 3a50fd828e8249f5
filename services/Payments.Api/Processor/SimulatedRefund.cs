namespace FlashSales.Payments.Processor;

/// <summary>The simulated processor's refunds: at most one per charge (its key), kept beside its charges.</summary>
public sealed class SimulatedRefund
{
    private SimulatedRefund() { }

    public Guid OrderId { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    public decimal Amount { get; private set; }
    public DateTime CreatedAt { get; private set; }
}
