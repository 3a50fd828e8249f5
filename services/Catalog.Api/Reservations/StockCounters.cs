using StackExchange.Redis;

namespace FlashSales.Catalog.Reservations;

/// <summary>
/// Per-product available counters and per-user holdings in Redis. The atomic strategy decides with them; every other
/// stock change is applied to them after MySQL committed it, so product pages can read live availability from Redis.
/// </summary>
public sealed class StockCounters(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<(int Code, int FailedIndex)> TryReserveAsync(Guid orderId, string userId, IReadOnlyList<ReservationLine> lines)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(StockCounterScripts.Reserve, Keys(lines, orderId), Args(userId, lines)))!;
        return ((int)result[0], (int)result[1]);
    }

    /// <summary>
    /// Adds units back (release, compensation) or takes them (a reservation MySQL already made), for one user; in the
    /// same round trip, marks the order as holding stock or forgets that mark.
    /// </summary>
    public Task ApplyAsync(string userId, IReadOnlyList<ReservationLine> lines, int sign, Guid? unmarkOrder = null, Guid? markOrder = null) =>
        ApplyAsync([.. lines.Select(l => new CounterChange(l.ProductId, userId, sign * l.Quantity))], unmarkOrder, markOrder);

    /// <summary>Applies committed changes of many products and users in one round trip; optionally marks an order or forgets its mark.</summary>
    public Task ApplyAsync(IReadOnlyList<CounterChange> changes, Guid? unmarkOrder = null, Guid? markOrder = null)
    {
        var order = markOrder ?? unmarkOrder;
        if (changes.Count == 0 && order is null) return Task.CompletedTask;
        var keys = new RedisKey[changes.Count * 2 + (order is null ? 0 : 1)];
        var args = new RedisValue[1 + changes.Count * 2 + (order is null ? 0 : 1)];
        args[0] = changes.Count;
        for (var i = 0; i < changes.Count; i++)
        {
            keys[2 * i] = StockKeys.Available(changes[i].ProductId);
            keys[2 * i + 1] = StockKeys.Buyers(changes[i].ProductId);
            args[1 + 2 * i] = changes[i].UnitsBack;
            args[2 + 2 * i] = changes[i].UserId;
        }
        if (order is { } marked)
        {
            keys[^1] = StockKeys.OrderMarker(marked);
            args[^1] = markOrder is null ? "unmark" : "mark";
        }
        return Db.ScriptEvaluateAsync(StockCounterScripts.Apply, keys, args);
    }

    public async Task<long?> GetAvailableAsync(Guid productId)
    {
        var value = await Db.StringGetAsync(StockKeys.Available(productId));
        return value.IsNull ? null : (long)value;
    }

    /// <summary>The counters of several products in one round trip, null where one is missing.</summary>
    public async Task<long?[]> GetAvailableAsync(IReadOnlyList<Guid> productIds)
    {
        var values = await Db.StringGetAsync([.. productIds.Select(StockKeys.Available)]);
        return [.. values.Select(v => v.IsNull ? (long?)null : (long)v)];
    }

    /// <summary>
    /// The counters of several products (null where one is missing) and whether the order is marked as holding stock
    /// already (a retry), in one round trip.
    /// </summary>
    public async Task<(long?[] Available, bool OrderMarked)> GetAvailableAsync(IReadOnlyList<Guid> productIds, Guid orderId)
    {
        var values = await Db.StringGetAsync([.. productIds.Select(StockKeys.Available), StockKeys.OrderMarker(orderId)]);
        return ([.. values[..^1].Select(v => v.IsNull ? (long?)null : (long)v)], !values[^1].IsNull);
    }

    /// <summary>Adds a stock change to the counter, if it exists (a missing one is rebuilt from MySQL, which has the change).</summary>
    public Task AdjustAvailableAsync(Guid productId, int delta) =>
        Db.ScriptEvaluateAsync(StockCounterScripts.Adjust, [StockKeys.Available(productId)], [delta]);

    public Task ForgetAsync(Guid productId) =>
        Db.ScriptEvaluateAsync(StockCounterScripts.Forget, [StockKeys.Available(productId), StockKeys.Buyers(productId)]);

    /// <summary>Builds missing counters from MySQL: available = stock - reserved, holdings = reserved + confirmed units per user.</summary>
    public async Task SeedAsync(ProductDbContext db, IReadOnlyCollection<Guid> productIds, CancellationToken ct)
    {
        if (productIds.Count == 0) return;
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, Available = p.Stock - p.Reserved }).ToListAsync(ct);
        var holdings = await db.Reservations.AsNoTracking()
            .Where(r => productIds.Contains(r.ProductId) && r.Status != ReservationStatus.Released)
            .GroupBy(r => new { r.ProductId, r.UserId })
            .Select(g => new { g.Key.ProductId, g.Key.UserId, Units = g.Sum(r => r.Quantity) })
            .ToListAsync(ct);
        var byProduct = holdings.ToLookup(h => h.ProductId);

        await Task.WhenAll(products.Select(p => Db.ScriptEvaluateAsync(StockCounterScripts.Seed,
            [StockKeys.Available(p.Id), StockKeys.Buyers(p.Id)],
            [p.Available, .. byProduct[p.Id].SelectMany(h => new RedisValue[] { h.UserId, h.Units })])));
    }

    /// <summary>
    /// What Redis holds for these products (one round trip for the counters, one per product whose holdings are
    /// asked for): available (null when missing) and, where <paramref name="withHoldings"/> says so, per-user holdings.
    /// </summary>
    public async Task<CounterState[]> ReadAsync(IReadOnlyList<Guid> productIds, Func<Guid, bool> withHoldings)
    {
        var available = await Db.StringGetAsync([.. productIds.Select(StockKeys.Available)]);
        var holdings = await Task.WhenAll(productIds.Select(async id => withHoldings(id)
            ? (await Db.HashGetAllAsync(StockKeys.Buyers(id))).Where(b => (long)b.Value != 0).ToDictionary(b => b.Name.ToString(), b => (long)b.Value)
            : null));
        return [.. productIds.Select((_, i) => new CounterState(available[i].IsNull ? null : (long)available[i], holdings[i]))];
    }

    /// <summary>Sets a product's counters to <paramref name="truth"/> unless its counter moved from <paramref name="seen"/>.</summary>
    public async Task<bool> RepairAsync(Guid productId, CounterState seen, CounterState truth) =>
        (int)await Db.ScriptEvaluateAsync(StockCounterScripts.Repair,
            [StockKeys.Available(productId), StockKeys.Buyers(productId)],
            [seen.Available?.ToString() ?? "", truth.Available ?? 0, truth.Holdings is null ? 0 : 1,
                .. (truth.Holdings ?? new Dictionary<string, long>()).SelectMany(h => new RedisValue[] { h.Key, h.Value })]) == 1;

    private static RedisKey[] Keys(IReadOnlyList<ReservationLine> lines, Guid orderId)
    {
        var keys = new RedisKey[lines.Count * 2 + 1];
        for (var i = 0; i < lines.Count; i++)
        {
            keys[2 * i] = StockKeys.Available(lines[i].ProductId);
            keys[2 * i + 1] = StockKeys.Buyers(lines[i].ProductId);
        }
        keys[^1] = StockKeys.OrderMarker(orderId);
        return keys;
    }

    private static RedisValue[] Args(string userId, IReadOnlyList<ReservationLine> lines)
    {
        var args = new RedisValue[2 + lines.Count * 2];
        args[0] = userId;
        args[1] = lines.Count;
        for (var i = 0; i < lines.Count; i++)
        {
            args[2 + 2 * i] = lines[i].Quantity;
            args[3 + 2 * i] = lines[i].PerUserLimit ?? 0;
        }
        return args;
    }
}

/// <summary>Units of one product given back (negative: taken) for one user, already committed in MySQL.</summary>
public sealed record CounterChange(Guid ProductId, string UserId, int UnitsBack);
