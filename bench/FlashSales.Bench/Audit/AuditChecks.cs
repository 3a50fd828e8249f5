namespace FlashSales.Bench.Audit;

/// <summary>The audit's checks over a snapshot: pure, so each can be shown a violation in a unit test.</summary>
public static class AuditChecks
{
    public const string NoOversell = "no oversell: confirmed + reserved <= initial stock, 0 <= reserved <= stock";
    public const string StockAccounted = "stock accounted: stock + confirmed = initial stock";
    public const string AcceptedRecorded = "every accepted (201) order exists exactly once";
    public const string ReservedAgrees = "reserved = live reservations = Pending orders' lines, per product";
    public const string NoOrphans = "no stock held without an order";
    public const string ReservationsMatchOrders = "each order's reservation matches its status (Pending: held, Completed: confirmed, " +
        "ended: released) and none lacks one";
    public const string CountersAgree = "Redis available counter = stock - reserved, per product";
    public const string PaymentsApplied = "every paid order ends Completed or Refunded: each payment's outcome applied to its order (succeeded: " +
        "Completed; refunded: Refunded; failed: never paid for)";
    public const string LedgerAgrees = "the processor's ledger: charges - refunds = succeeded payments (count and amount), " +
        "refunds = refunded payments";
    public const string NoDeadLetters = "no dead letters: every event handled (transient failures are retried, never dead-lettered)";

    public static IReadOnlyList<AuditCheck> Evaluate(AuditSnapshot snapshot, IReadOnlyCollection<Guid> acceptedOrderIds,
        IReadOnlyDictionary<Guid, int> initialStock)
    {
        var units = snapshot.Reservations.ToLookup(x => x.ProductId);
        long UnitsOf(Guid productId, string status) => units[productId].Where(x => x.Status == status).Sum(x => x.Units);
        var products = snapshot.Products;
        var live = products.Where(p => !p.Deleted).ToList();
        var checks = new List<AuditCheck>();

        var seeded = products.Where(p => initialStock.ContainsKey(p.Id))
            .Select(p => (p.Id, Over: UnitsOf(p.Id, "Confirmed") + p.Reserved - initialStock[p.Id],
                Drift: p.Stock + UnitsOf(p.Id, "Confirmed") - initialStock[p.Id]))
            .ToList();
        var badBounds = products.Count(p => p.Reserved < 0 || p.Reserved > p.Stock);
        checks.Add(new(NoOversell, seeded.All(o => o.Over <= 0) && badBounds == 0,
            $"{seeded.Count(o => o.Over > 0)} products oversold by {seeded.Sum(o => Math.Max(0, o.Over))} units; " +
            $"{badBounds} with reserved outside 0..stock ({seeded.Count} products checked)"));
        checks.Add(new(StockAccounted, seeded.All(o => o.Drift == 0), $"{seeded.Count(o => o.Drift != 0)} of {seeded.Count} products off"));

        var missing = acceptedOrderIds.Count(id => !snapshot.OrderIds.Contains(id));
        var duplicates = acceptedOrderIds.Count - acceptedOrderIds.Distinct().Count();
        checks.Add(new(AcceptedRecorded, missing == 0 && duplicates == 0,
            $"{acceptedOrderIds.Count} accepted; {missing} missing; {duplicates} answered twice"));

        var mismatched = live.Where(p => p.Reserved != UnitsOf(p.Id, "Reserved")
            || p.Reserved != snapshot.PendingLineUnits.GetValueOrDefault(p.Id)).ToList();
        checks.Add(new(ReservedAgrees, mismatched.Count == 0,
            mismatched.Count == 0 ? $"{live.Count} products"
                : $"{mismatched.Count} of {live.Count} products differ, e.g. " + string.Join("; ", mismatched.Take(3)
                .Select(p => $"{p.Id}: reserved {p.Reserved}, live reservations {UnitsOf(p.Id, "Reserved")}, " +
                    $"Pending lines {snapshot.PendingLineUnits.GetValueOrDefault(p.Id)}"))));

        long Pairs(Func<AuditSnapshot.ReservationOrderPair, bool> where) => snapshot.Pairs.Where(where).Sum(p => p.Orders);
        var orphans = Pairs(p => p is { Reservation: "Reserved", Order: "(none)" });
        checks.Add(new(NoOrphans, orphans == 0,
            orphans == 0 ? "none" : $"{orphans} reservations hold stock with no order, e.g. {string.Join(", ", snapshot.OrphanExamples)}"));
        var heldForEnded = Pairs(p => p.Reservation == "Reserved" && p.Order is not ("Pending" or "(none)"));
        var confirmedWrongly = Pairs(p => p.Reservation == "Confirmed" && p.Order != "Completed");
        var releasedPending = Pairs(p => p is { Reservation: "Released", Order: "Pending" });
        var releasedPaid = Pairs(p => p is { Reservation: "Released", Order: "Completed" });
        var withoutReservation = snapshot.OrdersWithoutReservation.Sum(o => o.Orders);
        checks.Add(new(ReservationsMatchOrders, heldForEnded + confirmedWrongly + releasedPending + releasedPaid + withoutReservation == 0,
            $"held for ended orders {heldForEnded}; confirmed but not Completed {confirmedWrongly}; released but Pending {releasedPending}; " +
            $"released but Completed (paid, stock back on sale) {releasedPaid}; " +
            $"orders without reservation {withoutReservation}" +
            (withoutReservation > 0 ? $" ({string.Join(", ", snapshot.OrdersWithoutReservation.Select(o => $"{o.Status} {o.Orders}"))})" : "")));

        var counterMismatches = live.Where(p => snapshot.Counters.GetValueOrDefault(p.Id) != p.Stock - p.Reserved).ToList();
        checks.Add(new(CountersAgree, counterMismatches.Count == 0,
            counterMismatches.Count == 0 ? $"{live.Count} counters"
                : $"{counterMismatches.Count} of {live.Count} differ, e.g. " + string.Join("; ", counterMismatches.Take(3)
                .Select(p =>
                    $"{p.Id}: counter {snapshot.Counters.GetValueOrDefault(p.Id)?.ToString() ?? "missing"}, MySQL {p.Stock - p.Reserved}"))));

        checks.Add(PaymentCheck(snapshot));
        var books = snapshot.Ledger;
        checks.Add(new(LedgerAgrees,
            books.Charges - books.Refunds == books.Succeeded && books.Charged - books.Refunded == books.SucceededAmount
                && books.Refunds == books.RefundedPayments,
            $"processor: {books.Charges:N0} charges ({books.Charged:N2}), {books.Refunds:N0} refunds ({books.Refunded:N2}); " +
            $"payments: {books.Succeeded:N0} succeeded ({books.SucceededAmount:N2}), {books.RefundedPayments:N0} refunded"));
        if (snapshot.DeadLetters is { } deadLetters) checks.Add(new(NoDeadLetters, deadLetters == 0, $"{deadLetters} dead letters"));
        return checks;
    }

    private static AuditCheck PaymentCheck(AuditSnapshot snapshot)
    {
        long Count(Func<AuditSnapshot.PaymentOrderPair, bool> where) => snapshot.Payments.Where(where).Sum(p => p.Payments);
        var succeededNotCompleted = Count(p => p is { Payment: "Succeeded" } && p.Order != "Completed");
        var refundedNotRefunded = Count(p => p is { Payment: "Refunded" } && p.Order != "Refunded");
        var failedButPaid = Count(p => p is { Payment: "Failed", Order: "Pending" or "Completed" or "Refunding" or "Refunded" });
        var pending = Count(p => p.Payment == "Pending");
        var withoutOrder = Count(p => p.Order == "(none)");
        var paidWithoutPayment = snapshot.PaidStatusesWithoutPayment.Sum(o => o.Orders);
        var wrong = succeededNotCompleted + refundedNotRefunded + failedButPaid + pending + withoutOrder + paidWithoutPayment;
        return new AuditCheck(PaymentsApplied, wrong == 0,
            $"{Count(_ => true):N0} payments " +
            $"({string.Join(", ", snapshot.Payments.GroupBy(p => p.Payment).Select(g => $"{g.Key} {g.Sum(p => p.Payments):N0}"))}): " +
            $"succeeded but order not Completed {succeededNotCompleted}"
                + Orders(snapshot.Payments.Where(p => p is { Payment: "Succeeded" } && p.Order != "Completed")) +
            $"; refunded but order not Refunded {refundedNotRefunded}; failed but order Pending or paid {failedButPaid}; still Pending {pending}; " +
            $"without order {withoutOrder}; orders Completed or Refunded without such a payment {paidWithoutPayment}");
    }

    private static string Orders(IEnumerable<AuditSnapshot.PaymentOrderPair> pairs) =>
        pairs.Any() ? $" ({string.Join(", ", pairs.Select(p => $"{p.Order} {p.Payments}"))})" : "";
}
