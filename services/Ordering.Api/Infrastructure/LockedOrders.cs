using FlashSales.EntityFrameworkCore.MySql;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Ordering.Infrastructure;

internal static class LockedOrders
{
    /// <summary>
    /// The order read with its row locked until the caller's transaction ends. Every change of status is decided on
    /// the row read this way (expiring, cancelling and payment outcomes all lock it), so no writer overwrites
    /// a status another one committed after a plain read.
    /// </summary>
    public static Task<Order?> LockedAsync(this DbSet<Order> orders, Guid id, CancellationToken ct) =>
        orders.FromSql($"SELECT * FROM orders WHERE Id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);

    /// <summary>Many orders locked with one statement, in id order (as every batch locks them, so batches never deadlock).</summary>
    public static Task<List<Order>> LockAllAsync(this DbSet<Order> orders, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        new SqlStatement("SELECT * FROM orders WHERE Id IN (").List(ids.Order()).Append(") ORDER BY Id FOR UPDATE").QueryTrackedAsync(orders, ct);
}
