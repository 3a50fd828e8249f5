using Microsoft.Extensions.Options;

namespace FlashSales.Catalog.Reservations;

/// <summary>
/// Keeps every product's Redis counters true to MySQL (available = stock - reserved; for products with a per-user
/// limit also the holdings: each user's reserved and confirmed units), whatever made them drift: a crash between the
/// Lua reservation and the MySQL commit, or between a commit and the counter update, an error after a commit that did
/// succeed, Redis losing data. A difference is repaired only if, after
/// <see cref="ReservationOptions.ReconcileSettle"/>, it is still there with neither side having moved (so a
/// reservation in flight is not mistaken for drift), and only if the counter has not moved when the repair runs.
/// MySQL's guard stays: a counter that is wrong for a moment can refuse or admit a request, never oversell.
/// </summary>
public sealed class CounterReconciler(
    IServiceScopeFactory scopes,
    StockCounters counters,
    StockMetrics metrics,
    IOptions<ReservationOptions> options,
    TimeProvider time,
    ILogger<CounterReconciler> logger)
    : BackgroundService
{
    private const int Chunk = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ReconcileInterval, time, stoppingToken);
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Reconciling the stock counters failed; trying again at the next interval");
            }
        }
    }

    /// <returns>How many products were repaired.</returns>
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var truth = await ReadTruthAsync(null, ct);
        var seen = new Dictionary<Guid, CounterState>();
        foreach (var chunk in truth.Keys.Chunk(Chunk))
        {
            var read = await counters.ReadAsync(chunk, id => truth[id].Holdings is not null);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (!read[i].SameAs(truth[chunk[i]])) seen[chunk[i]] = read[i];
            }
        }
        if (seen.Count == 0) return 0;

        await Task.Delay(options.Value.ReconcileSettle, time, ct);
        var later = await ReadTruthAsync([.. seen.Keys], ct);
        var ids = seen.Keys.ToList();
        var now = await counters.ReadAsync(ids, id => truth[id].Holdings is not null);
        var repaired = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            var (id, counter) = (ids[i], seen[ids[i]]);
            if (!later.TryGetValue(id, out var state) || !state.SameAs(truth[id])) continue; // MySQL moved: look again next time
            if (!now[i].SameAs(counter)) continue;                                          // the counter moved: in use
            if (!await counters.RepairAsync(id, counter, state)) continue;
            repaired++;
            metrics.CounterRepaired();
            logger.LogWarning("Stock counter of product {ProductId} had drifted (Redis {Counter}, MySQL {Truth} available); repaired",
                id, counter.Available?.ToString() ?? "missing", state.Available);
        }
        return repaired;
    }

    private async Task<Dictionary<Guid, CounterState>> ReadTruthAsync(IReadOnlyCollection<Guid>? only, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductDbContext>();
        var products = db.Products.AsNoTracking().Where(p => p.DeletedAt == null);
        if (only is not null) products = products.Where(p => only.Contains(p.Id));
        var available = await products
            .Select(p => new { p.Id, p.Name, p.Kind, Available = p.Stock - p.Reserved, Limited = p.PerUserLimit != null })
            .ToListAsync(ct);
        if (only is null)
        {
            metrics.Available(available.Where(p => p.Kind == ProductKind.Event).ToDictionary(p => p.Id, p => (p.Name, (long)p.Available)));
        }
        var limited = available.Where(p => p.Limited).Select(p => p.Id).ToList();
        var holdings = limited.Count == 0 ? null : (await db.Reservations.AsNoTracking()
            .Where(r => limited.Contains(r.ProductId) && r.Status != ReservationStatus.Released)
            .GroupBy(r => new { r.ProductId, r.UserId })
            .Select(g => new { g.Key.ProductId, g.Key.UserId, Units = g.Sum(r => r.Quantity) })
            .ToListAsync(ct)).ToLookup(h => h.ProductId);
        return available.ToDictionary(p => p.Id, p => new CounterState(p.Available, p.Limited
            ? holdings![p.Id].Where(h => h.Units != 0).ToDictionary(h => h.UserId, h => (long)h.Units)
            : null));
    }
}
