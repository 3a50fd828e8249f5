namespace FlashSales.Catalog.Browsing;

/// <summary>A product as the API shows it, with its live available stock and sale state.</summary>
public sealed record ProductView(
    Guid Id, string Name, string Description, decimal Price, string Kind, int Stock, int Sold, long Available, string State,
    DateTime? OpensAt, DateTime? ClosesAt, int? PerUserLimit, DateTime CreatedAt, DateTime UpdatedAt, int Version)
{
    public static ProductView From(ProductSnapshot p, long available, DateTime now) => new(
        p.Id, p.Name, p.Description, p.Price, p.Kind.ToString(), p.Stock, p.Sold, available,
        SaleStates.Name(StateOf(p, available, now)), p.OpensAt, p.ClosesAt, p.PerUserLimit, p.CreatedAt, p.UpdatedAt, p.Version);

    public static ProductView From(Product p, DateTime now) => From(ProductSnapshot.From(p), p.Available, now);

    private static SaleState StateOf(ProductSnapshot p, long available, DateTime now) =>
        p.OpensAt is { } opens ? new SaleWindow(opens, p.ClosesAt).StateAt(now) switch
        {
            SaleState.Open when available <= 0 => SaleState.SoldOut,
            var state => state,
        }
        : available <= 0 ? SaleState.SoldOut : SaleState.Open;
}

/// <summary>What the detail cache keeps of a product: everything but its fast-moving availability.</summary>
public sealed record ProductSnapshot(
    Guid Id, string Name, string Description, decimal Price, ProductKind Kind, int Stock, int Reserved, int Sold,
    DateTime? OpensAt, DateTime? ClosesAt, int? PerUserLimit, DateTime CreatedAt, DateTime UpdatedAt, int Version)
{
    public static ProductSnapshot From(Product p) => new(
        p.Id, p.Name, p.Description, p.Price, p.Kind, p.Stock, p.Reserved, p.Sold, p.OpensAt, p.ClosesAt, p.PerUserLimit,
        p.CreatedAt, p.UpdatedAt, p.Version);
}
