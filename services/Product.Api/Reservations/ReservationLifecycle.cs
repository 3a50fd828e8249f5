using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Product.Infrastructure;
using FlashSales.Product.Model;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Product.Reservations;

/// <summary>
/// Confirms a paid order's reservation (the units are sold: stock and reserved both drop), inside the caller's
/// transaction. Rows are locked FOR UPDATE, so a confirmation and a release of the same order never both apply.
/// A confirmation that arrives after the lease was released (its event was delayed past the grace) takes the units
/// again if they are still there; if they are not, the order is announced as short, so its payment is refunded.
/// </summary>
public sealed class ReservationLifecycle(ProductDbContext db, TimeProvider time)
{
    public async Task<ConfirmedReservation?> ConfirmAsync(Guid orderId, CancellationToken ct)
    {
        var rows = await db.Reservations
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
        foreach (var reservation in held) reservation.Confirm(now);
        db.AddIntegrationEvent(new StockConfirmedIntegrationEvent(orderId, [.. held.Select(r => new StockLine(r.ProductId, r.Quantity))]));
        await db.SaveChangesAsync(ct);

        // The products' rows, which every batch of new orders writes too, are locked last (in id order, as the rows were
        // read): held for these statements and the commit only, not for the round trips above (except on the rare
        // retaken path, which had to lock them to check what is left).
        foreach (var reservation in held)
        {
            var reservedChange = retaken ? 0 : reservation.Quantity;
            await db.Database.ExecuteSqlAsync(
                $"UPDATE products SET Stock = Stock - {reservation.Quantity}, Reserved = Reserved - {reservedChange} WHERE Id = {reservation.ProductId}", ct);
        }
        return new ConfirmedReservation(held[0].UserId, [.. held.Select(r => new ReservationLine(r.ProductId, r.Quantity, null))], retaken);
    }

    private async Task<bool> AllAvailableAsync(IReadOnlyList<Reservation> lines, CancellationToken ct)
    {
        foreach (var line in lines)
        {
            var available = await db.Database
                .SqlQuery<int>($"SELECT Stock - Reserved AS Value FROM products WHERE Id = {line.ProductId} FOR UPDATE")
                .FirstOrDefaultAsync(ct);
            if (available < line.Quantity) return false;
        }
        return true;
    }
}

/// <summary>What a confirmation sold; <paramref name="Retaken"/> when the units had been released and were taken again.</summary>
public sealed record ConfirmedReservation(string UserId, IReadOnlyList<ReservationLine> Lines, bool Retaken);
