using FlashSales.IntegrationEventLog;
using FlashSales.IntegrationEvents;
using FlashSales.Order.Infrastructure;
using FlashSales.Order.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlashSales.Order.Expiry;

/// <summary>
/// Expires Pending orders whose reservation lapsed and announces it, so their stock is released. Safe with several
/// replicas: each takes a batch with FOR UPDATE SKIP LOCKED, so no order is expired twice or waited on.
/// </summary>
public sealed class OrderExpiryWorker(IServiceScopeFactory scopes, IOptions<OrderOptions> options, TimeProvider time, ILogger<OrderExpiryWorker> logger)
    : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var expired = 0;
            try
            {
                expired = await ExpireBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Expiring orders failed; retrying");
            }
            if (expired < BatchSize) await Task.Delay(options.Value.ExpiryScanInterval, time, stoppingToken);
        }
    }

    private async Task<int> ExpireBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var lapsed = await db.Orders
            .FromSql($"SELECT * FROM orders WHERE Status = 'Pending' AND ExpiresAt <= {now} ORDER BY ExpiresAt LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .IgnoreAutoIncludes()
            .ToListAsync(ct);
        foreach (var order in lapsed)
        {
            order.MoveTo(OrderStatus.Expired, now);
            db.AddIntegrationEvent(new OrderExpiredIntegrationEvent(order.Id));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (lapsed.Count > 0) logger.LogInformation("Expired {Count} unpaid orders", lapsed.Count);
        return lapsed.Count;
    }
}
