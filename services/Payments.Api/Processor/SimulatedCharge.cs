namespace FlashSales.Payments.Processor;

/// <summary>
/// The simulated processor's own ledger: one row per idempotency key, kept in MySQL so that it outlives a restart, as
/// a real processor's would. Tests read it to count charges.
/// </summary>
public sealed class SimulatedCharge
{
    private SimulatedCharge() { }

    public string IdempotencyKey { get; private set; } = "";
    public Guid OrderId { get; private set; }
    public decimal Amount { get; private set; }
    public bool Approved { get; private set; }
    public string? DeclineReason { get; private set; }
    public DateTime CreatedAt { get; private set; }
}
