using Medallion.Threading;
using Microsoft.Extensions.Options;

namespace FlashSales.Catalog.Reservations;

/// <summary>
/// The original design: a Redis lock on every product of the order, taken in product-id order (so two orders never
/// wait on each other in a cycle), held across the MySQL reads that check stock - reserved and the user's
/// holdings and the write of the lease; released only after its commit.
/// </summary>
public sealed class LockReservationStrategy(
    IDistributedLockProvider locks,
    StockCounters counters,
    ReservationWriter writer,
    ProductDbContext db,
    IOptions<ReservationOptions> options) : IReservationStrategy
{
    public async Task<ReservationOutcome> ReserveAsync(LeaseRequest request, CancellationToken ct)
    {
        var (orderId, userId, lines) = (request.OrderId, request.UserId, request.Lines);
        // A product already at zero needs no lock to say so (one Redis round trip for all lines), unless this is a
        // retry of an order that holds its units: that one is answered as it stands, under the locks.
        var (counted, retried) = await counters.GetAvailableAsync([.. lines.Select(l => l.ProductId)], orderId);
        for (var i = 0; i < lines.Count && !retried; i++)
        {
            if (counted[i] is { } available && available < lines[i].Quantity)
                return ReservationOutcome.Rejected(ReservationRejection.SoldOut, lines[i].ProductId);
        }

        var held = new List<IDistributedSynchronizationHandle>(lines.Count);
        try
        {
            foreach (var productId in lines.Select(l => l.ProductId).Order())
            {
                var handle = await locks.TryAcquireLockAsync($"fs:lock:product:{productId}", options.Value.LockTimeout, ct);
                if (handle is null) return ReservationOutcome.Rejected(ReservationRejection.Busy, productId);
                held.Add(handle);
            }

            if (await writer.FindEarlierAsync(db, request, ct) is { } earlier) return earlier;
            var rejection = await CheckUnderLockAsync(userId, lines, ct);
            if (rejection is not null) return rejection;

            return await writer.AnswerAsync(WriteAndCountAsync(request));
        }
        finally
        {
            for (var i = held.Count - 1; i >= 0; i--) await held[i].DisposeAsync();
        }
    }

    // The counters follow the write even if the caller stopped waiting for it (MySQL's guard, not the lock, is what
    // keeps a late write from overselling).
    private async Task<ReservationOutcome> WriteAndCountAsync(LeaseRequest request)
    {
        var outcome = await writer.WriteAsync(request);
        if (outcome.IsReserved && !outcome.WasAlreadyReserved) await counters.ApplyAsync(request.UserId, request.Lines, -1,
            markOrder: request.OrderId);
        return outcome;
    }

    private async Task<ReservationOutcome?> CheckUnderLockAsync(string userId, IReadOnlyList<ReservationLine> lines, CancellationToken ct)
    {
        var ids = lines.Select(l => l.ProductId).ToList();
        var available = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Stock - p.Reserved, ct);
        var limited = lines.Where(l => l.PerUserLimit is not null).Select(l => l.ProductId).ToList();
        var holdings = limited.Count == 0 ? [] : await db.Reservations.AsNoTracking()
            .Where(r => r.UserId == userId && limited.Contains(r.ProductId) && r.Status != ReservationStatus.Released)
            .GroupBy(r => r.ProductId)
            .ToDictionaryAsync(g => g.Key, g => g.Sum(r => r.Quantity), ct);

        foreach (var line in lines)
        {
            if (available.GetValueOrDefault(line.ProductId) < line.Quantity)
                return ReservationOutcome.Rejected(ReservationRejection.SoldOut, line.ProductId);
            if (line.PerUserLimit is { } limit && holdings.GetValueOrDefault(line.ProductId) + line.Quantity > limit)
                return ReservationOutcome.Rejected(ReservationRejection.LimitExceeded, line.ProductId);
        }
        return null;
    }
}
