namespace FlashSales.ReservationContracts;

public static class SameItems
{
    /// <summary>
    /// Whether two orders' items are the same (each product once, in any order): what tells a retry of a request from
    /// its Idempotency-Key reused for another order.
    /// </summary>
    public static bool As(IReadOnlyCollection<ReserveItem> items, IReadOnlyCollection<ReserveItem> other) =>
        items.Count == other.Count && items.All(other.Contains);
}
