using StackExchange.Redis;

namespace FlashSales.IntegrationTests;

/// <summary>
/// Redis's memory is bounded, and what it may evict when full is only what can be lost: order markers (with a time to
/// live), never the stock counters (without one).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RedisMemoryTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task Memory_is_bounded_and_only_order_markers_can_be_evicted()
    {
        var product = await _client.CreateProductAsync($"Memory {Guid.NewGuid():N}", 6m, 10);
        var order = await _client.PlaceOrderOkAsync($"memory-{Guid.NewGuid():N}", (product.Id, 1));

        await using var redis = await ConnectionMultiplexer.ConnectAsync((await system.App.GetConnectionStringAsync("redis"))! + ",allowAdmin=true");
        var server = redis.GetServers()[0];
        Assert.Equal("volatile-ttl", (await server.ConfigGetAsync("maxmemory-policy")).Single().Value);
        Assert.True(long.Parse((await server.ConfigGetAsync("maxmemory")).Single().Value) > 0, "maxmemory is unbounded");

        var db = redis.GetDatabase();
        Assert.Null(await db.KeyTimeToLiveAsync($"fs:available:{product.Id}"));
        Assert.True(await db.KeyExistsAsync($"fs:available:{product.Id}"));
        var markers = server.Keys(pattern: $"*{order.Id}*").ToList();
        Assert.NotEmpty(markers);
        foreach (var marker in markers) Assert.NotNull(await db.KeyTimeToLiveAsync(marker));
    }
}
