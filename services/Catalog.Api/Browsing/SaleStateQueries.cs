namespace FlashSales.Catalog.Browsing;

internal static class SaleStateQueries
{
    /// <summary>The SQL form of <see cref="SaleWindow.StateAt"/> plus sold-out, for listing by state.</summary>
    public static IQueryable<Product> InState(this IQueryable<Product> products, SaleState state, DateTime now) => state switch
    {
        SaleState.Upcoming => products.Where(p => p.OpensAt != null && p.OpensAt > now),
        SaleState.Closed => products.Where(p => p.ClosesAt != null && p.ClosesAt <= now),
        SaleState.SoldOut => products.Where(p => (p.OpensAt == null || p.OpensAt <= now) && (p.ClosesAt == null || p.ClosesAt > now)
            && p.Stock - p.Reserved <= 0),
        _ => products.Where(p => (p.OpensAt == null || p.OpensAt <= now) && (p.ClosesAt == null || p.ClosesAt > now) && p.Stock - p.Reserved > 0),
    };
}
