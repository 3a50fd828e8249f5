using FlashSales.Product.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Product.Reservations;

/// <summary>
/// One Lua script checks and takes every line from the Redis counters (and the user's holdings) all-or-nothing, with
/// no lock; then the reservation is written to MySQL. If MySQL refuses or fails, the counters get the units back.
/// </summary>
public sealed class AtomicReservationStrategy(StockCounters counters, ReservationWriter writer, ProductDbContext db) : IReservationStrategy
{
    private const int MaxAttempts = 3;

    public async Task<ReservationOutcome> ReserveAsync(Guid orderId, string userId, IReadOnlyList<ReservationLine> lines, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (code, failed) = await counters.TryReserveAsync(orderId, userId, lines);
            switch (code)
            {
                case StockCounterScripts.SoldOut:
                    return ReservationOutcome.Rejected(ReservationRejection.SoldOut, lines[failed - 1].ProductId);
                case StockCounterScripts.LimitExceeded:
                    return ReservationOutcome.Rejected(ReservationRejection.LimitExceeded, lines[failed - 1].ProductId);
                case StockCounterScripts.CountersMissing when attempt < MaxAttempts:
                    await counters.SeedAsync(db, [.. lines.Select(l => l.ProductId)], ct);
                    continue;
                case StockCounterScripts.AlreadyReserved when attempt < MaxAttempts:
                    // The same order is being (or was) reserved by an earlier attempt: wait for its durable write.
                    if (await db.Reservations.AnyAsync(r => r.OrderId == orderId, ct)) return ReservationOutcome.AlreadyReserved;
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
                    continue;
                case StockCounterScripts.Reserved:
                    return await WriteOrGiveBackAsync(orderId, userId, lines, ct);
                default:
                    return ReservationOutcome.Rejected(ReservationRejection.Busy, [.. lines.Select(l => l.ProductId)]);
            }
        }
    }

    private async Task<ReservationOutcome> WriteOrGiveBackAsync(Guid orderId, string userId, IReadOnlyList<ReservationLine> lines, CancellationToken ct)
    {
        ReservationOutcome outcome;
        try
        {
            outcome = await writer.WriteAsync(orderId, userId, lines, ct);
        }
        catch
        {
            await counters.ApplyAsync(userId, lines, +1, unmarkOrder: orderId);
            throw;
        }
        if (!outcome.IsReserved) await counters.ApplyAsync(userId, lines, +1, unmarkOrder: orderId);
        else if (outcome.WasAlreadyReserved) await counters.ApplyAsync(userId, lines, +1);
        return outcome;
    }
}
