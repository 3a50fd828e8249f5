using FlashSales.Bench.Audit;
using FlashSales.Bench.Cli;
using FlashSales.Bench.SystemUnderTest;

namespace FlashSales.Bench.Profiles;

/// <summary>One strategy's system while the profiles run on it: the client, the ceiling, and every product the bench seeded with its initial
/// stock.</summary>
public sealed class BenchContext(BenchSettings settings, string strategy, ISystemUnderTest system, ShopClient shop, Ceiling ceiling)
    : IAsyncDisposable
{
    private readonly Dictionary<Guid, int> _initialStock = [];

    public BenchSettings Settings => settings;
    public string Strategy => strategy;
    public ISystemUnderTest System => system;
    public ShopClient Shop => shop;
    public Ceiling Ceiling => ceiling;
    public IReadOnlyDictionary<Guid, int> InitialStock => _initialStock;

    /// <summary>A distinct prefix for this run's shoppers and products, so runs against one system never share them.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..8];

    private ShopperPool? _shoppers;

    /// <summary>The run's signed-in shoppers, shared by its profiles.</summary>
    public ShopperPool Shoppers => _shoppers ??= new ShopperPool(shop, RunId);

    public QuietWaiter Quiet
        => new(system.MySqlConnectionString, system.KafkaBootstrapServers, settings.ConsumerGroupList, AuditSnapshotReader.Databases);

    public Auditor Auditor => new(system.MySqlConnectionString, system.RedisConnectionString, system.KafkaBootstrapServers, Quiet);

    public async Task<IReadOnlyList<Guid>> SeedAsync(int products, int stock, CancellationToken ct)
    {
        var ids = await shop.SeedAsync(products, stock, ct);
        foreach (var id in ids) _initialStock[id] = stock;
        return ids;
    }

    /// <summary>A client of its own, e.g. with one connection per stampede buyer.</summary>
    public ShopClient NewShop(int connections) => new(system.Gateway, adminPassword: null, connections, TimeSpan.FromSeconds(settings.Timeout));

    public void Track(Guid productId, int stock) => _initialStock[productId] = stock;

    public async ValueTask DisposeAsync()
    {
        if (_shoppers is not null) await _shoppers.DisposeAsync();
        shop.Dispose();
    }
}
