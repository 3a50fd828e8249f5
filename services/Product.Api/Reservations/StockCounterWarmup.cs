using FlashSales.Product.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FlashSales.Product.Reservations;

/// <summary>Builds the Redis counters of every product that has none, from MySQL, when the service starts.</summary>
public sealed class StockCounterWarmup(IServiceScopeFactory scopes, StockCounters counters, ILogger<StockCounterWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductDbContext>();
        var seeded = 0;
        Guid? after = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var ids = await db.Products.AsNoTracking().Where(p => after == null || p.Id.CompareTo(after.Value) > 0)
                .OrderBy(p => p.Id).Select(p => p.Id).Take(1000).ToListAsync(stoppingToken);
            if (ids.Count == 0) break;
            await counters.SeedAsync(db, ids, stoppingToken);
            seeded += ids.Count;
            after = ids[^1];
        }
        logger.LogInformation("Stock counters checked for {Count} products", seeded);
    }
}
