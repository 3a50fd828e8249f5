using StackExchange.Redis;

namespace FlashSales.Catalog.Reservations;

/// <summary>
/// Builds the Redis counters of every product that has none, from MySQL: when the service starts, and again whenever
/// the connection to Redis comes back (a Redis restart loses every counter; waiting for each product's next order to
/// rebuild its own would leave product pages without availability). Only missing counters are written.
/// </summary>
public sealed class StockCounterWarmup(
    IServiceScopeFactory scopes, StockCounters counters, IConnectionMultiplexer redis, ILogger<StockCounterWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var restored = new SemaphoreSlim(0);
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive) restored.Release();
        };
        do
        {
            try
            {
                await SeedMissingAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Building the stock counters failed; each is rebuilt when its product is next ordered");
            }
            await restored.WaitAsync(stoppingToken);
            while (restored.CurrentCount > 0) await restored.WaitAsync(stoppingToken);
        } while (!stoppingToken.IsCancellationRequested);
    }

    private async Task SeedMissingAsync(CancellationToken stoppingToken)
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
