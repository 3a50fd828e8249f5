namespace FlashSales.Product.Reservations;

public sealed class ReservationOptions
{
    /// <summary>atomic (default) or lock.</summary>
    public string Strategy { get; set; } = "atomic";

    /// <summary>How long the lock strategy waits for a product's lock before answering "busy, retry".</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
