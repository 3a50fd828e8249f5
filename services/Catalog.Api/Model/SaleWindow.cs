namespace FlashSales.Catalog.Model;

/// <summary>When an event product may be ordered: from <see cref="OpensAt"/> until <see cref="ClosesAt"/> (open-ended when null), UTC.</summary>
public sealed record SaleWindow(DateTime OpensAt, DateTime? ClosesAt)
{
    public SaleState StateAt(DateTime now) =>
        now < OpensAt ? SaleState.Upcoming
        : ClosesAt is { } closes && now >= closes ? SaleState.Closed
        : SaleState.Open;
}
