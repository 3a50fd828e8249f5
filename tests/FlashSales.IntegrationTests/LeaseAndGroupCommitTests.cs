using FlashSales.ReservationContracts;
using System.Net;
using System.Net.Http.Json;

namespace FlashSales.IntegrationTests;

/// <summary>Reservations are leases: the product service releases a lapsed one by itself, whatever happened to its order.</summary>
[Collection(SystemCollection.Name)]
public sealed class LeaseExpiryTests(ProductServiceHost host) : IClassFixture<ProductServiceHost>
{
    [Fact]
    public async Task An_order_that_was_never_recorded_has_its_stock_back_after_the_lease()
    {
        var product = await ProductApi.CreateAsync(host.Client, stock: 5);
        var orderId = Guid.NewGuid();
        var lease = await ProductApi.ReserveOkAsync(host.Client, orderId, product, "gone-client", 2, holdSeconds: 60);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime.AddSeconds(60), lease.LeaseExpiresAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, await ProductApi.AvailableAsync(host.Client, product));

        // Ended, but within the grace the order's confirmation may still arrive: still held.
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(3, await ProductApi.AvailableAsync(host.Client, product));

        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.Until(() => ProductApi.AvailableAsync(host.Client, product), a => a == 5, TimeSpan.FromSeconds(10),
            "the lapsed lease's release");
        Assert.Equal(0, await host.QueryAsync<int>($"SELECT Reserved FROM products WHERE Id = '{product}'"));
        Assert.Equal("Released", await host.QueryAsync<string>($"SELECT Status FROM reservations WHERE OrderId = '{orderId}'"));

        // A late retry of the same order takes nothing again.
        var retried = await ProductApi.ReserveOkAsync(host.Client, orderId, product, "gone-client", 2, holdSeconds: 60);
        Assert.Equal(lease.LeaseExpiresAt, retried.LeaseExpiresAt);
        Assert.Equal(5, await ProductApi.AvailableAsync(host.Client, product));
    }
}

/// <summary>Durable writes of concurrent reservations are committed together, and each caller is answered after its commit.</summary>
[Collection(SystemCollection.Name)]
public sealed class GroupCommitTests(GroupCommitProductHost host) : IClassFixture<GroupCommitProductHost>
{
    [Fact]
    public async Task Concurrent_reservations_share_a_transaction_and_each_is_answered_only_after_its_commit()
    {
        var products = await CreateProductsAsync(20);
        await WarmUpAsync();

        var orders = products.Select(_ => Guid.NewGuid()).ToList();
        var visibleWhenAnswered = await Task.WhenAll(products.Select(async (product, i) =>
        {
            await ProductApi.ReserveOkAsync(host.Client, orders[i], product, $"buyer{i}", 1);
            return await host.QueryAsync<long>($"SELECT COUNT(*) FROM reservations WHERE OrderId = '{orders[i]}'");
        }));

        Assert.All(visibleWhenAnswered, rows => Assert.Equal(1, rows));
        // One transaction stamps its rows with one time: 20 orders in at most 2 transactions.
        var transactions = await host.QueryAsync<long>(
            $"SELECT COUNT(DISTINCT CreatedAt) FROM reservations WHERE OrderId IN ({string.Join(",", orders.Select(o => $"'{o}'"))})");
        Assert.InRange(transactions, 1, 2);
    }

    [Fact]
    public async Task An_order_that_fails_in_a_batch_fails_alone_and_holds_nothing_while_the_others_are_reserved()
    {
        var products = await CreateProductsAsync(10);
        await WarmUpAsync();
        await host.ExecuteAsync("""
            CREATE TRIGGER poison_reservation BEFORE INSERT ON reservations FOR EACH ROW
            BEGIN IF NEW.UserId = 'poison' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected fault'; END IF; END
            """);
        var orders = products.Select(_ => Guid.NewGuid()).ToList();
        HttpStatusCode[] answers;
        try
        {
            answers = await Task.WhenAll(products.Select(async (product, i) =>
            {
                using var response = await ProductApi.ReserveAsync(host.Client, orders[i], product, i == 0 ? "poison" : $"buyer{i}", 1);
                return response.StatusCode;
            }));
        }
        finally
        {
            await host.ExecuteAsync("DROP TRIGGER poison_reservation");
        }

        // The batch is written order by order once it fails: the poisoned order is refused as unavailable (503), the
        // others are reserved.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answers[0]);
        Assert.All(answers.Skip(1), status => Assert.Equal(HttpStatusCode.OK, status));
        var ids = string.Join(",", products.Select(p => $"'{p}'"));
        Assert.Equal(products.Count - 1, await host.QueryAsync<long>($"SELECT COALESCE(SUM(Reserved), 0) FROM products WHERE Id IN ({ids})"));
        Assert.Equal(0, await host.QueryAsync<long>($"SELECT COUNT(*) FROM reservations WHERE OrderId = '{orders[0]}'"));
        Assert.Equal(5, await ProductApi.AvailableAsync(host.Client, products[0]));
        foreach (var product in products.Skip(1)) Assert.Equal(4, await ProductApi.AvailableAsync(host.Client, product));

        // Nothing was left marked: the poisoned order goes through once the fault is gone.
        await ProductApi.ReserveOkAsync(host.Client, orders[0], products[0], "poison", 1);
    }

    private async Task<List<Guid>> CreateProductsAsync(int count)
    {
        var products = new List<Guid>();
        for (var i = 0; i < count; i++) products.Add(await ProductApi.CreateAsync(host.Client, stock: 5));
        return products;
    }

    private async Task WarmUpAsync()
    {
        var product = await ProductApi.CreateAsync(host.Client, stock: 1);
        await ProductApi.ReserveOkAsync(host.Client, Guid.NewGuid(), product, "warm-up", 1);
    }
}

/// <summary>Rejections are answered without MySQL.</summary>
[Collection(SystemCollection.Name)]
public sealed class SoldOutFastPathTests(CuttableMySqlProductHost host) : IClassFixture<CuttableMySqlProductHost>
{
    [Fact]
    public async Task A_sold_out_product_answers_409_while_MySQL_is_unreachable()
    {
        var product = await ProductApi.CreateAsync(host.Client, stock: 1);
        await ProductApi.ReserveOkAsync(host.Client, Guid.NewGuid(), product, "first", 1);

        host.CutMySql();

        using var response = await ProductApi.ReserveAsync(host.Client, Guid.NewGuid(), product, "second", 1);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("sold_out", (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
    }
}

internal static class ProductApi
{
    public static async Task<Guid> CreateAsync(HttpClient api, int stock)
    {
        using var response = await api.PostAsJsonAsync("/api/products", new { name = "Leased item", price = 10, stock });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductDto>())!.Id;
    }

    public static Task<HttpResponseMessage> ReserveAsync(HttpClient api, Guid orderId, Guid productId, string userId, int quantity,
        int holdSeconds = 600) =>
        api.PostAsJsonAsync(ReservationRoutes.Reserve, new ReserveRequest(orderId, userId, [new ReserveItem(productId, quantity)], holdSeconds));

    public static async Task<LeaseDto> ReserveOkAsync(HttpClient api, Guid orderId, Guid productId, string userId, int quantity,
        int holdSeconds = 600)
    {
        using var response = await ReserveAsync(api, orderId, productId, userId, quantity, holdSeconds);
        Assert.True(response.IsSuccessStatusCode, $"reserving answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<LeaseDto>())!;
    }

    public static async Task<long> AvailableAsync(HttpClient api, Guid productId) =>
        (await api.GetFromJsonAsync<ProductDto>($"/api/products/{productId}"))!.Available;
}

internal sealed record LeaseDto(Guid OrderId, DateTime LeaseExpiresAt);
