using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;

namespace FlashSales.Catalog.Reservations;

/// <summary>
/// Confirms paid orders' reservations (the units are sold: stock and reserved both drop), inside the caller's
/// transaction, one order or a batch of them. Reservation rows are locked FOR UPDATE first, so a confirmation and a
/// release of the same order never both apply. The products' rows, which every batch of new orders writes too, are
/// written last, with one statement for the whole batch (<see cref="SellConfirmed"/>): they stay locked for that
/// statement and the commit only.
/// A confirmation that arrives after the lease was released (its event was delayed past the grace) takes the units
/// again if they are still there; if they are not, the order is announced as short, so its payment is refunded.
/// </summary>
public sealed class ReservationLifecycle(ProductDbContext db, TimeProvider time)
{
    private Dictionary<Guid, List<Reservation>>? _locked;
    private readonly Dictionary<Guid, SoldUnits> _sold = [];

    /// <summary>Locks the reservations of a batch's orders with one statement, in key order (as the releaser does).</summary>
    public async Task LockAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct)
    {
        var rows = await new SqlStatement("SELECT * FROM reservations WHERE OrderId IN (").List(orderIds.Order())
            .Append(") ORDER BY OrderId, ProductId FOR UPDATE").QueryTrackedAsync(db.Reservations, ct);
        _locked = orderIds.ToDictionary(id => id, _ => new List<Reservation>());
        foreach (var row in rows) _locked[row.OrderId].Add(row);
    }

    /// <summary>Confirms the order's held units; what leaves stock is written by <see cref="SellConfirmed"/>.</summary>
    public async Task<ConfirmedReservation?> ConfirmAsync(Guid orderId, CancellationToken ct)
    {
        var rows = _locked?.GetValueOrDefault(orderId) ?? await db.Reservations
            .FromSql($"SELECT * FROM reservations WHERE OrderId = {orderId} ORDER BY ProductId FOR UPDATE")
            .ToListAsync(ct);
        var held = rows.Where(r => r.Status == ReservationStatus.Reserved).ToList();
        var retaken = false;
        if (held.Count == 0)
        {
            var lapsed = rows.Where(r => r.Status == ReservationStatus.Released).ToList();
            if (lapsed.Count == 0) return null;
            if (!await AllAvailableAsync(lapsed, ct))
            {
                db.AddIntegrationEvent(new StockShortIntegrationEvent(orderId));
                return null;
            }
            held = lapsed;
            retaken = true;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var reservation in held)
        {
            reservation.Confirm(now);
            var sold = _sold.GetValueOrDefault(reservation.ProductId);
            _sold[reservation.ProductId] = new SoldUnits(sold.Stock + reservation.Quantity, sold.Reserved + (retaken ? 0 : reservation.Quantity));
        }
        return new ConfirmedReservation(held[0].UserId, [.. held.Select(r => new ReservationLine(r.ProductId, r.Quantity, null))], retaken);
    }

    /// <summary>
    /// Takes every unit confirmed so far out of stock (and out of reserved, unless it had been released): one UPDATE,
    /// the products' rows in id order, as the order path's batches lock them. Run synchronously, just before the
    /// commit: an awaited statement resumes through the thread pool's queue, which under load can take a second or more,
    /// and all that time the rows would stay locked against the order path (see "Commits on threads of their own").
    /// </summary>
    public void SellConfirmed()
    {
        if (_sold.Count == 0) return;
        var sell = new SqlStatement("UPDATE products p JOIN (");
        foreach (var (productId, units) in _sold.OrderBy(s => s.Key)) sell.SelectRow(["Id", "Stock", "Reserved"], productId, units.Stock,
            units.Reserved);
        sell.Append(") d ON p.Id = d.Id SET p.Stock = p.Stock - d.Stock, p.Reserved = p.Reserved - d.Reserved, p.Sold = p.Sold + d.Stock").Execute(db);
        _sold.Clear();
    }

    // Locks the products' rows (a rare path: the lease had lapsed), counting units this batch has already taken again.
    private async Task<bool> AllAvailableAsync(IReadOnlyList<Reservation> lines, CancellationToken ct)
    {
        foreach (var line in lines)
        {
            var available = await db.Database
                .SqlQuery<int>($"SELECT Stock - Reserved AS Value FROM products WHERE Id = {line.ProductId} FOR UPDATE")
                .FirstOrDefaultAsync(ct);
            var sold = _sold.GetValueOrDefault(line.ProductId);
            if (available - (sold.Stock - sold.Reserved) < line.Quantity) return false;
        }
        return true;
    }

    private readonly record struct SoldUnits(int Stock, int Reserved);
}

/// <summary>What a confirmation sold; <paramref name="Retaken"/> when the units had been released and were taken again.</summary>
public sealed record ConfirmedReservation(string UserId, IReadOnlyList<ReservationLine> Lines, bool Retaken);
