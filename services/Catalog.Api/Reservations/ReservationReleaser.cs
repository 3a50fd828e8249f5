using System.Data;
using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.EventBus;
using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Catalog.Browsing;
using FlashSales.Catalog.Waitlist;

namespace FlashSales.Catalog.Reservations;

/// <summary>
/// Gives units back in batches: lapsed leases (the sweeper) or named orders (failed, cancelled, never recorded). One
/// transaction per batch: the held rows are locked, marked released, and last each product's reserved count is
/// lowered, with one statement each; and then the Redis counters get the units
/// back in one call. Only rows still Reserved are touched, so releasing twice changes nothing.
/// </summary>
public sealed class ReservationReleaser(
    ProductDbContext db, StockCounters counters, WaitlistHandover waitlist, StockFeed feed, StockMetrics metrics, TimeProvider time)
{
    /// <returns>The reservation rows released.</returns>
    public Task<int> ReleaseOrdersAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct) =>
        ReleaseAsync(new SqlStatement("SELECT * FROM reservations WHERE Status = 'Reserved' AND OrderId IN (")
            .List(orderIds).Append(") ORDER BY OrderId, ProductId FOR UPDATE"), "released", ct);

    /// <summary>Releases up to <paramref name="max"/> leases that ended before <paramref name="endedBefore"/>; rows another transaction holds are
    /// skipped.</summary>
    public Task<int> ReleaseLapsedAsync(DateTime endedBefore, int max, CancellationToken ct) =>
        ReleaseAsync(new SqlStatement("SELECT * FROM reservations WHERE Status = 'Reserved' AND ExpiresAt <= ")
            .Value(endedBefore).Append(" ORDER BY ExpiresAt LIMIT ").Value(max).Append(" FOR UPDATE SKIP LOCKED"), "lapsed", ct);

    // Read committed, as confirmations: the locking read takes the rows it returns and not the gaps beside them, into
    // which the order path inserts new leases while it holds products' rows (under repeatable read, a deadlock).
    // The products' rows, which the order path contends for, are written last, synchronously, so that they stay locked
    // for that statement and the commit only (see ReservationLifecycle.SellConfirmed).
    private async Task<int> ReleaseAsync(SqlStatement select, string why, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var held = await select.QueryAsync(db.Reservations, ct);
        if (held.Count == 0) return 0;

        var now = time.GetUtcNow().UtcDateTime;
        var mark = new SqlStatement("UPDATE reservations r JOIN (");
        foreach (var r in held) mark.SelectRow(["OrderId", "ProductId"], r.OrderId, r.ProductId);
        await mark.Append(") d ON r.OrderId = d.OrderId AND r.ProductId = d.ProductId SET r.Status = 'Released', r.UpdatedAt = ")
            .Value(now).ExecuteAsync(db, ct);

        // Shoppers waiting for these products get their units first; only the rest goes back on sale.
        var released = held.GroupBy(r => r.ProductId).ToDictionary(g => g.Key, g => g.Sum(r => r.Quantity));
        var offers = await waitlist.OfferAsync(released, now, ct);
        var back = released
            .Select(p => (ProductId: p.Key, Units: p.Value - offers.Where(o => o.ProductId == p.Key).Sum(o => o.Quantity)))
            .Where(p => p.Units > 0).OrderBy(p => p.ProductId).ToList();
        if (back.Count > 0)
        {
            var give = new SqlStatement("UPDATE products p JOIN (");
            foreach (var (productId, units) in back) give.SelectRow(["Id", "Quantity"], productId, units);
            give.Append(") d ON p.Id = d.Id SET p.Reserved = p.Reserved - d.Quantity").Execute(db);
        }
        await transaction.CommitAsync(ct);
        metrics.Leases(why, held.Select(r => r.OrderId).Distinct().Count());
        metrics.Leases("offered", offers.Count);
        if (offers.Count > 0) feed.WaitlistChanged();

        // The released holders' units back, and the waitlisted shoppers' taken: a unit handed over never shows as on sale.
        await counters.ApplyAsync([
            .. held.Select(r => new CounterChange(r.ProductId, r.UserId, r.Quantity)),
            .. offers.Select(o => new CounterChange(o.ProductId, o.UserId, -o.Quantity))]);
        return held.Count;
    }
}
