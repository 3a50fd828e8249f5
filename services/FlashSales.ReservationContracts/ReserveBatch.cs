using System.ComponentModel.DataAnnotations;

namespace FlashSales.ReservationContracts;

/// <summary>
/// Several orders' reservations in one call. Each is reserved or refused on its own, exactly as if it had come alone
/// (all of its items or none, idempotent by its order id); one order's refusal never touches another's.
/// </summary>
public sealed record ReserveBatchRequest(
    [property: Required, MinLength(1), MaxLength(ReserveBatchRequest.MaxRequests)] List<ReserveRequest> Requests)
{
    public const int MaxRequests = 200;

    /// <summary>
    /// The body cap of the batch endpoint: the largest batch (200 orders of 20 items, every user id escaped to its
    /// longest) is about 420 KB of JSON.
    /// </summary>
    public const long MaxBodyBytes = 1024 * 1024;
}

/// <summary>One answer per request, in the requests' order.</summary>
public sealed record ReserveBatchResponse(IReadOnlyList<ReservationAnswer> Answers);

/// <summary>One order's answer: the lease it was granted, or why nothing was reserved.</summary>
public sealed record ReservationAnswer(ReserveResponse? Lease, ReservationRefusal? Refusal)
{
    public static ReservationAnswer Granted(ReserveResponse lease) => new(lease, null);

    public static ReservationAnswer Refused(ReservationRefusal refusal) => new(null, refusal);
}
