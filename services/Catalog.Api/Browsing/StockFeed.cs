using System.Net.ServerSentEvents;
using FlashSales.Catalog.Reservations;
using FlashSales.ServiceInfrastructure.Live;
using Microsoft.Extensions.Options;

namespace FlashSales.Catalog.Browsing;

/// <summary>
/// One event product's units as shoppers' pages show them: all the sale offered, how many are still on sale, and how
/// many shoppers wait for one to come back.
/// </summary>
public sealed record StockUpdate(Guid ProductId, int Offered, long Available, int Waiting);

/// <summary>
/// Live availability of the event products on sale or about to open, pushed to every open storefront. One reading of
/// the Redis counters per tick serves all watchers, and only changes are sent, so a stampede watching one product costs
/// the order path nothing per watcher. Idle (no reading at all) while nobody watches.
/// </summary>
public sealed class StockFeed(
    IServiceScopeFactory scopes, StockCounters counters, IOptions<LiveOptions> options, TimeProvider time, ILogger<StockFeed> logger)
    : BackgroundService
{
    private const string Everybody = "";
    private static readonly TimeSpan ListEvery = TimeSpan.FromSeconds(10);

    // One event per tick with every change in it: a watcher costs a write per tick, however many products changed.
    private readonly LiveFeed<IReadOnlyList<StockUpdate>> _feed = new("stock", options.Value.MaxWatchers);
    private IReadOnlyList<(Guid Id, int Offered, int Waiting)> _products = [];
    private DateTimeOffset _listedAt = DateTimeOffset.MinValue;
    private volatile bool _relist;
    private volatile Dictionary<Guid, StockUpdate> _last = [];

    public bool HasRoom => _feed.HasRoom;

    public IAsyncEnumerable<SseItem<IReadOnlyList<StockUpdate>?>> WatchAsync(CancellationToken ct)
    {
        var last = _last;
        return _feed.WatchAsync(Everybody, last.Count == 0 ? [] : [[.. last.Values]], ct);
    }

    /// <summary>Someone joined or left a waitlist, or got a unit from one: the next tick reads the lists again.</summary>
    public void WaitlistChanged() => _relist = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StockInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (_feed.Watchers == 0) continue;
            try
            {
                await SendChangesAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Redis or MySQL away: pages keep what they showed, and the next tick tries again.
                logger.LogDebug("Live stock not read ({Error})", ex.GetBaseException().Message);
            }
        }
    }

    private async Task SendChangesAsync(CancellationToken ct)
    {
        if (_relist || time.GetUtcNow() - _listedAt > ListEvery)
        {
            _relist = false;
            _products = await ListEventProductsAsync(ct);
            _listedAt = time.GetUtcNow();
        }
        if (_products.Count == 0) return;
        var available = await counters.GetAvailableAsync([.. _products.Select(p => p.Id)]);
        var next = new Dictionary<Guid, StockUpdate>(_products.Count);
        var changed = new List<StockUpdate>();
        for (var i = 0; i < _products.Count; i++)
        {
            if (available[i] is not { } units) continue;
            var update = new StockUpdate(_products[i].Id, _products[i].Offered, units, _products[i].Waiting);
            next[update.ProductId] = update;
            if (!_last.TryGetValue(update.ProductId, out var before) || before != update) changed.Add(update);
        }
        _last = next;
        if (changed.Count > 0) _feed.Send(Everybody, changed);
    }

    private async Task<IReadOnlyList<(Guid, int, int)>> ListEventProductsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProductDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var products = await db.Products.AsNoTracking()
            .Where(p => p.Kind == ProductKind.Event && (p.ClosesAt == null || p.ClosesAt > now))
            .OrderBy(p => p.OpensAt).Take(options.Value.MaxProducts)
            .Select(p => new
            {
                p.Id,
                Offered = p.Stock + p.Sold,
                Waiting = db.Waitlist.Count(w => w.ProductId == p.Id && w.Status == WaitlistStatus.Waiting),
            })
            .ToListAsync(ct);
        return [.. products.Select(p => (p.Id, p.Offered, p.Waiting))];
    }
}
