namespace FlashSales.Catalog.Waitlist;

/// <summary>Event products' waitlists (section "Waitlist").</summary>
public sealed class WaitlistOptions
{
    /// <summary>Shoppers one product's waitlist holds; later ones are told it is full.</summary>
    public int MaxLength { get; set; } = 1000;

    /// <summary>How long a waitlisted shopper's claim holds its unit for payment: as long as any order's.</summary>
    public TimeSpan ClaimTtl { get; set; } = TimeSpan.FromMinutes(10);
}
