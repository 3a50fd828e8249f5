using FlashSales.ServiceInfrastructure.GroupCommit;

namespace FlashSales.Ordering.Model;

public sealed class OrderOptions
{
    /// <summary>How long an unpaid order holds its stock: the lease the product service grants.</summary>
    public TimeSpan ReservationTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the expiry worker looks for lapsed orders.</summary>
    public TimeSpan ExpiryScanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Orders expired per transaction.</summary>
    public int ExpiryBatch { get; set; } = 1000;

    public GroupCommitOptions GroupCommit { get; set; } = new();

    /// <summary>Shoppers' pages one instance keeps told of their orders; more are answered 503 with Retry-After.</summary>
    public int MaxLiveWatchers { get; set; } = 20_000;
}
