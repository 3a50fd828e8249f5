namespace FlashSales.ReservationContracts;

/// <summary>
/// The product service marks in Redis every order it holds stock for, for 24 hours (the window in which a retry with
/// the same Idempotency-Key is recognised). A request for a sold-out product may be a retry of the very order that
/// took the last units, whose 201 its client never saw: before refusing one without asking the product service, the
/// order service checks this mark (one Redis read, no SQL), and a marked order goes on to be answered as it stands.
/// </summary>
public static class ReservationMarkers
{
    public static string Key(Guid orderId) => $"fs:reserved-order:{orderId}";
}
