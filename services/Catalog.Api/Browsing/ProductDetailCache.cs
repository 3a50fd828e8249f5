using System.Text.Json;
using FlashSales.Catalog.Reservations;
using StackExchange.Redis;

namespace FlashSales.Catalog.Browsing;

/// <summary>
/// Serves product pages from Redis: the detail (cached, dropped on every change) and the live available counter,
/// read in one round trip, so a stampede of page views does not reach MySQL.
/// </summary>
public sealed class ProductDetailCache(
    IConnectionMultiplexer redis, ProductDbContext db, StockCounters counters, SaleCatalog catalog, ILogger<ProductDetailCache> logger)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static RedisKey DetailKey(Guid id) => $"fs:product:{id}";

    public async Task<(ProductSnapshot Product, long Available)?> GetAsync(Guid id, CancellationToken ct)
    {
        RedisValue[] cached;
        try
        {
            cached = await redis.GetDatabase().StringGetAsync([DetailKey(id), StockKeys.Available(id)]);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Redis unavailable; reading product {ProductId} from MySQL", id);
            return await LoadAsync(id, ct) is { } fallback ? (fallback, fallback.Stock - fallback.Reserved) : null;
        }

        var snapshot = cached[0].IsNull ? null : JsonSerializer.Deserialize<ProductSnapshot>((string)cached[0]!);
        if (snapshot is null)
        {
            snapshot = await LoadAsync(id, ct);
            if (snapshot is null) return null;
            await redis.GetDatabase().StringSetAsync(DetailKey(id), JsonSerializer.Serialize(snapshot), Lifetime);
        }

        if (cached[1].IsNull)
        {
            await counters.SeedAsync(db, [id], ct);
            return (snapshot, await counters.GetAvailableAsync(id) ?? snapshot.Stock - snapshot.Reserved);
        }
        return (snapshot, (long)cached[1]);
    }

    /// <summary>After an admin change: drops the cached detail, and the sale catalogue's entry in every replica.</summary>
    public async Task InvalidateAsync(IReadOnlyCollection<Guid> ids)
    {
        await DropDetailsAsync(ids);
        await catalog.InvalidateAsync(ids);
    }

    /// <summary>After a stock change (a sale): only the detail shows it.</summary>
    public Task DropDetailsAsync(IReadOnlyCollection<Guid> ids) => redis.GetDatabase().KeyDeleteAsync([.. ids.Select(DetailKey)]);

    private async Task<ProductSnapshot?> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Products.AsNoTracking().Where(p => p.Id == id).Select(p => ProductSnapshot.From(p)).FirstOrDefaultAsync(ct);
}
