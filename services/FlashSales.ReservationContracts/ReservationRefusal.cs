namespace FlashSales.Reservations;

/// <summary>
/// Why nothing was reserved (HTTP 409, 404 for an unknown product, 503 when busy), as data: the order service words
/// its own public answer from it.
/// </summary>
public sealed record ReservationRefusal(string Code, IReadOnlyList<Guid> ProductIds, DateTime? OpensAt = null);

public static class RefusalCodes
{
    public const string UnknownProduct = "unknown_product";
    public const string NotOpen = "not_open";
    public const string Closed = "closed";
    public const string SoldOut = "sold_out";
    public const string LimitExceeded = "limit_exceeded";
    public const string Busy = "busy";
}
