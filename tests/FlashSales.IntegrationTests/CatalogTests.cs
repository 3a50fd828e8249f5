using StackExchange.Redis;

namespace FlashSales.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class CatalogTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task An_event_product_is_upcoming_then_opens_on_the_server_clock_with_availability_from_redis()
    {
        // The sale opens an hour ahead, so "before the opening" holds however slow the machine is; the admin then moves
        // the opening to the server's present, so "after the opening" does not depend on a timer either.
        var opensAt = (await ServerNowAsync()).AddHours(1);
        var product = await _client.CreateEventProductAsync($"Drop {Guid.NewGuid():N}", 99m, 10, opensAt, perUserLimit: 1);

        var before = await _client.GetProductAsync(product.Id);
        Assert.Equal("upcoming", before.State);
        using (var early = await _client.PlaceOrderAsync("early-bird", (product.Id, 1)))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            var problem = await early.Content.ReadFromJsonAsync<ProblemDto>();
            Assert.Equal("not_open", problem!.Code);
            Assert.Equal(opensAt, problem.OpensAt!.Value, TimeSpan.FromMilliseconds(1));
        }

        using (var reschedule = await _client.AdminAsync(HttpMethod.Put, $"/api/products/{product.Id}/sale-window",
            new { opensAt = await ServerNowAsync(), perUserLimit = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, reschedule.StatusCode);
        }
        var open = await _client.WaitForProductAsync(product.Id, p => p.State == "open", "the sale opening");
        Assert.Equal(10, open.Available);

        // The page's availability is Redis' counter: change it there and the API shows it.
        using var redis = await ConnectionMultiplexer.ConnectAsync((await system.App.GetConnectionStringAsync("redis"))!);
        var counter = (RedisKey)$"fs:available:{product.Id}";
        Assert.Equal(10, (long)await redis.GetDatabase().StringGetAsync(counter));
        await redis.GetDatabase().StringSetAsync(counter, 3);
        Assert.Equal(3, (await _client.GetProductAsync(product.Id)).Available);
        await redis.GetDatabase().StringSetAsync(counter, 10);

        await _client.PlaceOrderOkAsync("on-time", (product.Id, 1));
        Assert.Equal(9, (await _client.GetProductAsync(product.Id)).Available);
    }

    private async Task<DateTime> ServerNowAsync() =>
        (await system.Gateway.GetFromJsonAsync<Dictionary<string, DateTime>>("/api/products/clock"))!["utcNow"];

    [Fact]
    public async Task Catalogue_writes_need_the_admin_role()
    {
        var product = new { name = "x", price = 1, stock = 1 };
        using var anonymous = await system.Gateway.PostAsJsonAsync("/api/products", product);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        using var shopper = await _client.SendAsAsync("not-an-admin", HttpMethod.Post, "/api/products", product);
        Assert.Equal(HttpStatusCode.Forbidden, shopper.StatusCode);
        Assert.Equal("application/problem+json", shopper.Content.Headers.ContentType?.MediaType);
        using var seeding = await _client.SendAsAsync("not-an-admin", HttpMethod.Post, "/api/products/seed", new { products = 1, stock = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, seeding.StatusCode);

        using var admin = await _client.AdminAsync(HttpMethod.Post, "/api/products", product);
        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
    }
}
