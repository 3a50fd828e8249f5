namespace FlashSales.Catalog.Browsing;

/// <summary>The storefront's live stock (section "Live").</summary>
public sealed class LiveOptions
{
    /// <summary>How often the event products' counters are read for open pages.</summary>
    public TimeSpan StockInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Event products followed live: the next ones to open or still open, soonest first.</summary>
    public int MaxProducts { get; set; } = 200;

    /// <summary>Open pages one instance serves; more are answered 503 with Retry-After.</summary>
    public int MaxWatchers { get; set; } = 20_000;
}
