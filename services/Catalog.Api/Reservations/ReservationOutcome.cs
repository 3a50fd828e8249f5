using FlashSales.ReservationContracts;

namespace FlashSales.Catalog.Reservations;

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
public sealed record ReservationOutcome(ReservationRejection Rejection, IReadOnlyList<Guid> ProductIds, DateTime? LeaseExpiresAt = null,
    bool WasAlreadyReserved = false)
{
    public static ReservationOutcome Leased(DateTime expiresAt) => new(ReservationRejection.None, [], expiresAt);

    /// <summary>An earlier attempt of the same order already holds (or held) the units; nothing more was taken.</summary>
    public static ReservationOutcome AlreadyLeased(DateTime expiresAt) => new(ReservationRejection.None, [], expiresAt, WasAlreadyReserved: true);

    public bool IsReserved => Rejection == ReservationRejection.None;

    public static ReservationOutcome Rejected(ReservationRejection why, params Guid[] productIds) => new(why, productIds);
}

public static class ReservationRejections
{
    /// <summary>The refusal's code (the contract the order service reads) and the HTTP status of a call of its own.</summary>
    public static (string Code, int Status) ToRefusal(this ReservationRejection rejection) => rejection switch
    {
        ReservationRejection.UnknownProduct => (RefusalCodes.UnknownProduct, StatusCodes.Status404NotFound),
        ReservationRejection.NotOpenYet => (RefusalCodes.NotOpen, StatusCodes.Status409Conflict),
        ReservationRejection.Closed => (RefusalCodes.Closed, StatusCodes.Status409Conflict),
        ReservationRejection.SoldOut => (RefusalCodes.SoldOut, StatusCodes.Status409Conflict),
        ReservationRejection.LimitExceeded => (RefusalCodes.LimitExceeded, StatusCodes.Status409Conflict),
        ReservationRejection.InFlight => (RefusalCodes.InFlight, StatusCodes.Status409Conflict),
        ReservationRejection.KeyReused => (RefusalCodes.KeyReused, StatusCodes.Status422UnprocessableEntity),
        ReservationRejection.Unavailable => (RefusalCodes.Unavailable, StatusCodes.Status503ServiceUnavailable),
        ReservationRejection.Unconfirmed => (RefusalCodes.Unconfirmed, StatusCodes.Status503ServiceUnavailable),
        _ => (RefusalCodes.Busy, StatusCodes.Status503ServiceUnavailable),
    };
}
