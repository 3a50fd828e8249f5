using System.Collections.Concurrent;
using FlashSales.ServiceInfrastructure.GroupCommit;
using StackExchange.Redis;

namespace FlashSales.Catalog.Browsing;

/// <summary>
/// What reserving needs to know of a product (name, price, sale window, per-user limit), held in process so that
/// neither an order nor a rejection reads MySQL. Loaded on first use (or when created or seeded), dropped on every
/// admin change in every replica (Redis pub/sub), and, in case a change message was missed, refreshed from the
/// products changed in the last seconds every <see cref="RefreshInterval"/>. An unknown id is remembered briefly.
/// </summary>
public sealed class SaleCatalog(IServiceScopeFactory scopes, IConnectionMultiplexer redis, TimeProvider time, ILogger<SaleCatalog> logger)
    : BackgroundService
{
    private static readonly RedisChannel Changes = RedisChannel.Literal("fs:catalog-changed");
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan UnknownLifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, SaleInfo> _known = new();
    private readonly ConcurrentDictionary<Guid, long> _unknown = new();

    /// <summary>
    /// The products by id; an unknown or deleted product is missing from the answer. Products not held here are read
    /// from MySQL, waited for at most <paramref name="readWithin"/>: null when MySQL has not answered by then (a
    /// database that stopped answering must not hold an order longer than a commit would). The read goes on and
    /// remembers what it finds.
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<Guid, SaleInfo>?> GetAsync(IReadOnlyCollection<Guid> ids, TimeSpan readWithin)
    {
        var found = new Dictionary<Guid, SaleInfo>(ids.Count);
        List<Guid>? missing = null;
        foreach (var id in ids)
        {
            if (_known.TryGetValue(id, out var info)) found[id] = info;
            else if (!(_unknown.TryGetValue(id, out var since) && time.GetElapsedTime(since) < UnknownLifetime)) (missing ??= []).Add(id);
        }
        if (missing is null) return found;

        var (answered, loaded) = await LoadAsync(missing).WaitUpToAsync(readWithin);
        if (!answered) return null;
        foreach (var info in loaded) found[info.Id] = info;
        return found;
    }

    private async Task<List<SaleInfo>> LoadAsync(List<Guid> ids)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductDbContext>();
        var loaded = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => SaleInfo.From(p)).ToListAsync();
        Remember(loaded);
        foreach (var id in ids.Where(id => !loaded.Exists(info => info.Id == id))) _unknown[id] = time.GetTimestamp();
        return loaded;
    }

    /// <summary>Products just created or seeded: known without a first read.</summary>
    public void Remember(IEnumerable<SaleInfo> products)
    {
        foreach (var info in products)
        {
            _known[info.Id] = info;
            _unknown.TryRemove(info.Id, out _);
        }
    }

    /// <summary>Drops the products here and tells every other replica to do the same.</summary>
    public async Task InvalidateAsync(IReadOnlyCollection<Guid> ids)
    {
        Forget(ids);
        await redis.GetSubscriber().PublishAsync(Changes, string.Join(',', ids));
    }

    private void Forget(IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            _known.TryRemove(id, out _);
            _unknown.TryRemove(id, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = await redis.GetSubscriber().SubscribeAsync(Changes);
        subscription.OnMessage(message =>
            Forget(((string?)message.Message ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)));

        var since = time.GetUtcNow().UtcDateTime;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(RefreshInterval, time, stoppingToken);
            var now = time.GetUtcNow().UtcDateTime;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ProductDbContext>();
                // Overlapping windows: a change committed a little after its UpdatedAt is still seen.
                var changed = await db.Products.IgnoreQueryFilters().AsNoTracking()
                    .Where(p => p.UpdatedAt >= since - RefreshInterval * 5).Select(p => new { p.Id, p.UpdatedAt }).ToListAsync(stoppingToken);
                Forget(changed.Where(c => _known.TryGetValue(c.Id, out var held) && held.UpdatedAt < c.UpdatedAt).Select(c => c.Id));
                since = now;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Refreshing the sale catalogue failed; dropping it so it is read afresh");
                _known.Clear();
            }
        }
    }
}

/// <summary>A product as reserving sees it.</summary>
public sealed record SaleInfo(Guid Id, string Name, decimal Price, DateTime? OpensAt, DateTime? ClosesAt, int? PerUserLimit, DateTime UpdatedAt)
{
    public SaleWindow? Window => OpensAt is { } opens ? new SaleWindow(opens, ClosesAt) : null;

    public static SaleInfo From(Product p) => new(p.Id, p.Name, p.Price, p.OpensAt, p.ClosesAt, p.PerUserLimit, p.UpdatedAt);
}
