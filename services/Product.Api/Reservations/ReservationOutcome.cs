namespace FlashSales.Product.Reservations;

public enum ReservationRejection
{
    None,
    UnknownProduct,
    NotOpenYet,
    Closed,
    SoldOut,
    LimitExceeded,
    Busy,
    InFlight,
    KeyReused,
    Unavailable,
    Unconfirmed,
}

/// <summary>What reserving an order came to: all items held until the lease's end, or the first reason they could not be.</summary>
public sealed record ReservationOutcome(ReservationRejection Rejection, IReadOnlyList<Guid> ProductIds, DateTime? LeaseExpiresAt = null, bool WasAlreadyReserved = false)
{
    public static ReservationOutcome Leased(DateTime expiresAt) => new(ReservationRejection.None, [], expiresAt);

    /// <summary>An earlier attempt of the same order already holds (or held) the units; nothing more was taken.</summary>
    public static ReservationOutcome AlreadyLeased(DateTime expiresAt) => new(ReservationRejection.None, [], expiresAt, WasAlreadyReserved: true);

    public bool IsReserved => Rejection == ReservationRejection.None;

    public static ReservationOutcome Rejected(ReservationRejection why, params Guid[] productIds) => new(why, productIds);
}
