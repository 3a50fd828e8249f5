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
}

/// <summary>What reserving an order came to: all items held, or the first reason it could not be, per product.</summary>
public sealed record ReservationOutcome(ReservationRejection Rejection, IReadOnlyList<Guid> ProductIds, bool WasAlreadyReserved = false)
{
    public static readonly ReservationOutcome Reserved = new(ReservationRejection.None, []);

    /// <summary>An earlier attempt of the same order already holds the units; nothing more was taken.</summary>
    public static readonly ReservationOutcome AlreadyReserved = new(ReservationRejection.None, [], WasAlreadyReserved: true);

    public bool IsReserved => Rejection == ReservationRejection.None;

    public static ReservationOutcome Rejected(ReservationRejection why, params Guid[] productIds) => new(why, productIds);
}
