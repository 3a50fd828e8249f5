namespace FlashSales.Bench.Audit;

/// <summary>What the audit reads from the databases (one consistent MySQL snapshot) and Redis.</summary>
public sealed record AuditSnapshot(
    IReadOnlyList<AuditSnapshot.ProductRow> Products,
    IReadOnlyList<AuditSnapshot.ReservedUnits> Reservations,
    IReadOnlyDictionary<Guid, long> PendingLineUnits,
    IReadOnlySet<Guid> OrderIds,
    IReadOnlyList<AuditSnapshot.ReservationOrderPair> Pairs,
    IReadOnlyList<AuditSnapshot.OrdersByStatus> OrdersWithoutReservation,
    IReadOnlyList<AuditSnapshot.Orphan> OrphanExamples,
    IReadOnlyDictionary<Guid, long?> Counters,
    IReadOnlyList<AuditSnapshot.PaymentOrderPair> Payments,
    IReadOnlyList<AuditSnapshot.OrdersByStatus> PaidStatusesWithoutPayment,
    AuditSnapshot.Books Ledger,
    long? DeadLetters)
{
    /// <summary>How many payments of this status belong to an order of that status ("(none)": no order).</summary>
    public sealed record PaymentOrderPair(string Payment, string Order, long Payments);

    /// <summary>The processor's ledger beside the payments recorded: count and amount of each.</summary>
    public sealed record Books(long Charges, decimal Charged, long Refunds, decimal Refunded, long Succeeded, decimal SucceededAmount,
        long RefundedPayments);

    public sealed record ProductRow(Guid Id, int Stock, int Reserved, bool Deleted);

    /// <summary>Units of one product in reservations of one status.</summary>
    public sealed record ReservedUnits(Guid ProductId, string Status, long Units);

    /// <summary>How many orders have a reservation of this status while the order has that status ("(none)": no order).</summary>
    public sealed record ReservationOrderPair(string Reservation, string Order, long Orders);

    public sealed record OrdersByStatus(string Status, long Orders);

    /// <summary>A reservation holding stock for an order that does not exist, and for how long it has.</summary>
    public sealed record Orphan(Guid OrderId, long HeldSeconds)
    {
        public override string ToString() => $"{OrderId} (held {HeldSeconds} s)";
    }
}
