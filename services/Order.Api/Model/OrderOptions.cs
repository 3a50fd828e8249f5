namespace FlashSales.Order.Model;

public sealed class OrderOptions
{
    /// <summary>How long an unpaid order holds its stock.</summary>
    public TimeSpan ReservationTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the expiry worker looks for lapsed orders.</summary>
    public TimeSpan ExpiryScanInterval { get; set; } = TimeSpan.FromSeconds(1);
}
