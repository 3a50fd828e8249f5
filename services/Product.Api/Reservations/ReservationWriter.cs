using FlashSales.Product.Infrastructure;
using FlashSales.Product.Model;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace FlashSales.Product.Reservations;

/// <summary>
/// The durable half of every reservation, shared by both strategies: one transaction that raises each product's
/// reserved count only where stock - reserved still covers it, and inserts the reservation rows. MySQL thus never
/// holds more reserved than stock, whatever Redis says (and a CHECK constraint backs that up).
/// </summary>
public sealed class ReservationWriter(ProductDbContext db, TimeProvider time)
{
    public async Task<ReservationOutcome> WriteAsync(Guid orderId, string userId, IReadOnlyList<ReservationLine> lines, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var line in lines.OrderBy(l => l.ProductId))
        {
            var updated = await db.Database.ExecuteSqlAsync(
                $"UPDATE products SET Reserved = Reserved + {line.Quantity} WHERE Id = {line.ProductId} AND DeletedAt IS NULL AND Stock - Reserved >= {line.Quantity}",
                ct);
            if (updated == 0)
            {
                await transaction.RollbackAsync(ct);
                return ReservationOutcome.Rejected(ReservationRejection.SoldOut, line.ProductId);
            }
        }

        db.Reservations.AddRange(lines.Select(l => new Reservation(orderId, l.ProductId, userId, l.Quantity, now)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry })
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return ReservationOutcome.AlreadyReserved;
        }
        await transaction.CommitAsync(ct);
        return ReservationOutcome.Reserved;
    }
}
