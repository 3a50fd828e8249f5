namespace FlashSales.Payments.Model;

public enum PaymentStatus
{
    /// <summary>Recorded before the processor is called; its outcome is not known yet (or was lost in a crash).</summary>
    Pending,
    Succeeded,
    Failed,

    /// <summary>Succeeded, then given back: the order could not be fulfilled.</summary>
    Refunded,
}
