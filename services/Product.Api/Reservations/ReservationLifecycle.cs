using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Product.Infrastructure;
using FlashSales.Product.Model;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Product.Reservations;

/// <summary>
/// Ends an order's reservation exactly once: confirm (the units are sold: stock and reserved both drop) or release
/// (reserved drops, the units are available again). Runs inside the caller's transaction; rows are locked FOR UPDATE,
/// so a confirm and a release of the same order can never both apply.
/// </summary>
public sealed class ReservationLifecycle(ProductDbContext db, TimeProvider time)
{
    public Task<EndedReservation?> ConfirmAsync(Guid orderId, CancellationToken ct) =>
        EndAsync(orderId, ReservationStatus.Confirmed, ct);

    public Task<EndedReservation?> ReleaseAsync(Guid orderId, CancellationToken ct) =>
        EndAsync(orderId, ReservationStatus.Released, ct);

    /// <returns>What was held, or null when nothing was (never reserved, or already ended).</returns>
    private async Task<EndedReservation?> EndAsync(Guid orderId, ReservationStatus end, CancellationToken ct)
    {
        var held = await db.Reservations
            .FromSql($"SELECT * FROM reservations WHERE OrderId = {orderId} AND Status = 'Reserved' ORDER BY ProductId FOR UPDATE")
            .ToListAsync(ct);
        if (held.Count == 0) return null;

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var reservation in held)
        {
            var stockChange = end == ReservationStatus.Confirmed ? reservation.Quantity : 0;
            await db.Database.ExecuteSqlAsync(
                $"UPDATE products SET Stock = Stock - {stockChange}, Reserved = Reserved - {reservation.Quantity} WHERE Id = {reservation.ProductId}", ct);
            reservation.End(end, now);
        }

        var userId = held[0].UserId;
        var lines = held.Select(r => new ReservationLine(r.ProductId, r.Quantity, null)).ToList();
        db.AddIntegrationEvent(end == ReservationStatus.Confirmed
            ? new StockConfirmedIntegrationEvent(orderId, [.. lines.Select(l => new StockLine(l.ProductId, l.Quantity))])
            : new StockReleasedIntegrationEvent(orderId, userId, [.. lines.Select(l => new StockLine(l.ProductId, l.Quantity))]));
        return new EndedReservation(userId, lines);
    }
}

public sealed record EndedReservation(string UserId, IReadOnlyList<ReservationLine> Lines);
