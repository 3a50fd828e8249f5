using FlashSales.Catalog.Browsing;
using FlashSales.ReservationContracts;

namespace FlashSales.Catalog.Reservations;

/// <summary>
/// The product's side of placing an order: the sale gate from the in-process catalogue, then the configured strategy.
/// Idempotent by order id: a repeat of an order still being written here answers "in flight" at once, whatever the
/// strategy. Neither the gate nor a sold-out answer reads MySQL, and while MySQL is not answering nothing is taken:
/// a product not yet held in process is read from MySQL for at most as long as a commit is waited for.
/// </summary>
public sealed class ReservationService(
    SaleCatalog catalog, IReservationStrategy strategy, ReservationWriter writer, StockMetrics metrics, TimeProvider time)
{
    public async Task<(ReservationOutcome Outcome, IReadOnlyList<ReservedItem> Items, DateTime? OpensAt)> ReserveAsync(
        ReserveRequest request, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var answer = await TryReserveAsync(request, ct);
        var outcome = answer.Outcome;
        metrics.Reserved(outcome.IsReserved ? "reserved" : outcome.Rejection.ToRefusal().Code, time.GetElapsedTime(started));
        if (outcome.IsReserved && !outcome.WasAlreadyReserved) metrics.Leases("taken", 1);
        return answer;
    }

    private async Task<(ReservationOutcome Outcome, IReadOnlyList<ReservedItem> Items, DateTime? OpensAt)> TryReserveAsync(
        ReserveRequest request, CancellationToken ct)
    {
        var items = request.Items;
        if (await catalog.GetAsync([.. items.Select(i => i.ProductId)], writer.AnswerWithin) is not { } products)
            return (ReservationOutcome.Rejected(ReservationRejection.Unavailable), [], null);
        var unknown = items.Select(i => i.ProductId).Where(id => !products.ContainsKey(id)).ToArray();
        if (unknown.Length > 0) return (ReservationOutcome.Rejected(ReservationRejection.UnknownProduct, unknown), [], null);

        var now = time.GetUtcNow().UtcDateTime;
        var lines = new List<ReservationLine>(items.Count);
        foreach (var item in items)
        {
            var product = products[item.ProductId];
            switch (product.Window?.StateAt(now))
            {
                case SaleState.Upcoming:
                    return (ReservationOutcome.Rejected(ReservationRejection.NotOpenYet, product.Id), [], product.OpensAt);
                case SaleState.Closed:
                    return (ReservationOutcome.Rejected(ReservationRejection.Closed, product.Id), [], null);
            }
            if (item.Quantity > product.PerUserLimit)
            {
                return (ReservationOutcome.Rejected(ReservationRejection.LimitExceeded, product.Id), [], null);
            }
            lines.Add(new ReservationLine(product.Id, item.Quantity, product.PerUserLimit));
        }

        if (writer.IsInFlight(request.OrderId)) return (ReservationOutcome.Rejected(ReservationRejection.InFlight), [], null);
        // The database stopped answering: refuse before taking anything rather than queue behind it.
        if (writer.IsStalled) return (ReservationOutcome.Rejected(ReservationRejection.Unavailable), [], null);

        // Stored with microseconds, as MySQL keeps it: the order answers exactly what a later read returns.
        var expiresAt = Microseconds(now.AddSeconds(request.HoldSeconds));
        var outcome = await strategy.ReserveAsync(new LeaseRequest(request.OrderId, request.UserId, lines, expiresAt), ct);
        var reserved = outcome.IsReserved
            ? items.Select(i => new ReservedItem(i.ProductId, products[i.ProductId].Name, products[i.ProductId].Price, i.Quantity)).ToList()
            : [];
        return (outcome, reserved, null);
    }

    private static DateTime Microseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
}
