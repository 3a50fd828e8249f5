using FlashSales.EntityFrameworkCore.MySql;
using FlashSales.EventBus;
using FlashSales.ServiceInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlashSales.Ordering.Expiry;

/// <summary>
/// Expires Pending orders whose lease ended (their units come back when the product service's lease lapses: nobody
/// needs telling). One transaction per batch: the ids are taken with FOR UPDATE SKIP LOCKED (several replicas never
/// expire one twice or wait on each other), then one UPDATE.
/// </summary>
public sealed class OrderExpiryWorker(
    IServiceScopeFactory scopes, IOptions<OrderOptions> options, TimeProvider time, ILogger<OrderExpiryWorker> logger)
    : BatchWorker(time, logger)
{
    protected override int BatchSize => options.Value.ExpiryBatch;

    protected override TimeSpan Interval => options.Value.ExpiryScanInterval;

    protected override async Task<int> RunBatchAsync(CancellationToken ct)
    {
        var batch = BatchSize;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderDbContext>();
        var now = Time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(OrderIsolation.StatusChanges, ct);
        var lapsed = await db.Database
            .SqlQuery<Guid>($"""
                SELECT Id AS Value FROM orders WHERE Status = 'Pending' AND ExpiresAt <= {now}
                ORDER BY ExpiresAt LIMIT {batch} FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (lapsed.Count == 0) return 0;

        await new SqlStatement("UPDATE orders SET Status = 'Expired', UpdatedAt = ").Value(now)
            .Append(" WHERE Id IN (").List(lapsed).Append(")").ExecuteAsync(db, ct);
        await transaction.CommitAsync(ct);
        logger.LogDebug("Expired {Count} unpaid orders", lapsed.Count);
        return lapsed.Count;
    }
}
