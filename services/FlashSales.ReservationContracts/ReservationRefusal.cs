namespace FlashSales.ReservationContracts;

/// <summary>
/// Why nothing was reserved (HTTP 409, 404 for an unknown product, 503 when busy or the database is not answering), as data: the order service words
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

    /// <summary>The same order (user and Idempotency-Key) is still being reserved by an earlier request.</summary>
    public const string InFlight = "request_in_flight";

    /// <summary>The order's Idempotency-Key was used before for different items.</summary>
    public const string KeyReused = "idempotency_key_reused";

    /// <summary>The database stopped answering: nothing was reserved.</summary>
    public const string Unavailable = "store_unavailable";

    /// <summary>The durable write was not confirmed in time; it may still complete, so a retry with the same key tells.</summary>
    public const string Unconfirmed = "not_confirmed_in_time";
}
