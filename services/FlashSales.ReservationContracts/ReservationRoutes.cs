namespace FlashSales.ReservationContracts;

/// <summary>
/// The product service's internal reservation API, called by the order service through service discovery and never
/// routed by the gateway. This project is the one place its contract is declared.
/// </summary>
public static class ReservationRoutes
{
    /// <summary>
    /// POST: one order's reservation (<see cref="ReserveRequest"/>), answered 200 with its lease or with the refusal's
    /// status. The order service always sends batches; this single-order form is the contract's reference shape, and
    /// the product service's own tests pin its rules (idempotency, refusals, the service credential) through it.
    /// </summary>
    public const string Reserve = "/api/reservations";

    /// <summary>POST: several orders' reservations in one call (<see cref="ReserveBatchRequest"/>).</summary>
    public const string ReserveBatch = "/api/reservations/batch";

    /// <summary>DELETE: give back an order's units at once (its order could not be recorded).</summary>
    public static string Release(Guid orderId) => $"/api/reservations/{orderId}";
}
