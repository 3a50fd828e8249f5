namespace FlashSales.Catalog.Reservations;

/// <summary>
/// One Lua script checks and takes every line from the Redis counters (and the user's holdings) all-or-nothing, with
/// no lock, and marks the order; then the lease is written to MySQL (group commit). If MySQL refuses or fails, the
/// counters get the units back, whether or not the caller is still waiting. A rejection never reaches MySQL.
/// </summary>
public sealed class AtomicReservationStrategy(StockCounters counters, ReservationWriter writer, ProductDbContext db) : IReservationStrategy
{
    private const int MaxAttempts = 3;

    public async Task<ReservationOutcome> ReserveAsync(LeaseRequest request, CancellationToken ct)
    {
        var lines = request.Lines;
        for (var attempt = 1; ; attempt++)
        {
            var (code, failed) = await counters.TryReserveAsync(request.OrderId, request.UserId, lines);
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
                    // The same order is being (or was) reserved by an earlier request: answer as that one stands.
                    if (await writer.FindEarlierAsync(db, request, ct) is { } earlier) return earlier;
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
                    continue;
                case StockCounterScripts.Reserved:
                    return await writer.AnswerAsync(WriteOrGiveBackAsync(request));
                default:
                    return ReservationOutcome.Rejected(ReservationRejection.Busy, [.. lines.Select(l => l.ProductId)]);
            }
        }
    }

    private async Task<ReservationOutcome> WriteOrGiveBackAsync(LeaseRequest request)
    {
        ReservationOutcome outcome;
        try
        {
            outcome = await writer.WriteAsync(request);
        }
        catch
        {
            await counters.ApplyAsync(request.UserId, request.Lines, +1, unmarkOrder: request.OrderId);
            throw;
        }
        // A lease whose commit's answer was lost may be held: its units stay taken until the reconciler squares the
        // counters with MySQL.
        if (outcome.Rejection == ReservationRejection.Unconfirmed) return outcome;
        if (!outcome.IsReserved) await counters.ApplyAsync(request.UserId, request.Lines, +1, unmarkOrder: request.OrderId);
        else if (outcome.WasAlreadyReserved) await counters.ApplyAsync(request.UserId, request.Lines, +1);
        return outcome;
    }
}
