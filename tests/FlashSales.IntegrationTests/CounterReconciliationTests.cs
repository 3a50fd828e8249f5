using StackExchange.Redis;

namespace FlashSales.IntegrationTests;

/// <summary>Redis counters that drifted from MySQL (either way) are repaired from MySQL by the product service itself.</summary>
[Collection(SystemCollection.Name)]
public sealed class CounterReconciliationTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task Drifted_counters_of_an_event_product_are_repaired_and_the_per_user_limit_holds_again()
    {
        var product = await _client.CreateEventProductAsync($"Drift {Guid.NewGuid():N}", 12m, 10, DateTime.UtcNow.AddSeconds(-1), perUserLimit: 2);
        await _client.PlaceOrderOkAsync("drift-a", (product.Id, 2));
        await _client.PlaceOrderOkAsync("drift-b", (product.Id, 1));

        using var redis = await ConnectionMultiplexer.ConnectAsync((await system.App.GetConnectionStringAsync("redis"))!);
        var db = redis.GetDatabase();
        var available = (RedisKey)$"fs:available:{product.Id}";
        var buyers = (RedisKey)$"fs:buyers:{product.Id}";
        // Drift: more units than there are, and a buyer's holdings forgotten (which would let them past the limit).
        await db.StringSetAsync(available, 50);
        var driftA = (await _client.UserAsync("drift-a")).UserId;
        var driftB = (await _client.UserAsync("drift-b")).UserId;
        await db.HashDeleteAsync(buyers, driftA);

        await Eventually.Until(async () => (long)await db.StringGetAsync(available), units => units == 7, TimeSpan.FromSeconds(30),
            "the counter repaired");
        Assert.Equal(2, (long)await db.HashGetAsync(buyers, driftA));
        Assert.Equal(1, (long)await db.HashGetAsync(buyers, driftB));

        using var over = await _client.PlaceOrderAsync("drift-a", (product.Id, 1));
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.Equal("limit_exceeded", (await over.Content.ReadFromJsonAsync<ProblemDto>())!.Code);

        // Drift the other way: fewer units than there are.
        await db.StringSetAsync(available, 0);
        await _client.WaitForProductAsync(product.Id, p => p.Available >= 7, "the counter repaired upwards");
    }
}
