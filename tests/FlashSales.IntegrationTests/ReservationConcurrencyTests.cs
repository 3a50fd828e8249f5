namespace FlashSales.IntegrationTests;

/// <summary>The guarantees both reservation strategies must keep under concurrent buyers, through the gateway.</summary>
public abstract class ReservationConcurrencyTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task Five_hundred_buyers_for_one_hundred_units_get_exactly_one_hundred_orders()
    {
        var product = await _client.CreateProductAsync($"Stampede {Guid.NewGuid():N}", 5m, 100);

        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => _client.PlaceOrderAsync($"buyer-{i}", (product.Id, 1))));

        var codes = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(100, codes.GetValueOrDefault(HttpStatusCode.Created));
        Assert.Equal(400, codes.GetValueOrDefault(HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).Take(5))
        {
            var problem = await refused.Content.ReadFromJsonAsync<ProblemDto>();
            Assert.Equal("sold_out", problem!.Code);
            Assert.Equal([product.Id], problem.ProductIds);
        }

        var after = await _client.GetProductAsync(product.Id);
        Assert.Equal(100, after.Stock);
        Assert.Equal(0, after.Available);
        Assert.Equal("sold-out", after.State);
    }

    [Fact]
    public async Task Concurrent_buyers_of_many_different_products_are_all_served()
    {
        // Orders for different products do not wait on each other, under either strategy: they travel to the product
        // service in the same batches and are reserved there side by side.
        var products = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _client.CreateProductAsync($"Many {i} {Guid.NewGuid():N}", 2m, 10)));

        var responses = await Task.WhenAll(products.SelectMany((p, i) =>
            Enumerable.Range(0, 5).Select(j => _client.PlaceOrderAsync($"many-{i}-{j}", (p.Id, 1)))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.All(await Task.WhenAll(products.Select(p => _client.GetProductAsync(p.Id))), p => Assert.Equal(5, p.Available));
    }

    [Fact]
    public async Task Orders_over_the_same_products_in_opposite_order_never_deadlock_oversell_or_half_reserve()
    {
        var a = await _client.CreateProductAsync($"Left {Guid.NewGuid():N}", 3m, 60);
        var b = await _client.CreateProductAsync($"Right {Guid.NewGuid():N}", 4m, 40);

        // 150 orders each way, in parallel: a+b and b+a, two units of a per order.
        var tasks = Enumerable.Range(0, 300).Select(i => i % 2 == 0
            ? _client.PlaceOrderAsync($"pair-{i}", (a.Id, 2), (b.Id, 1))
            : _client.PlaceOrderAsync($"pair-{i}", (b.Id, 1), (a.Id, 2)));
        var responses = await Task.WhenAll(tasks);

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var placed = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(30, placed); // a runs out first: 60 units / 2 per order

        var orders = await Task.WhenAll(
            responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Content.ReadFromJsonAsync<OrderDto>()));
        Assert.All(orders, o => Assert.Equal(2, o!.Lines.Count));
        Assert.Equal(0, (await _client.GetProductAsync(a.Id)).Available);
        Assert.Equal(40 - placed, (await _client.GetProductAsync(b.Id)).Available);
    }

    [Fact]
    public async Task The_same_idempotency_key_twenty_times_at_once_makes_one_order_and_one_reservation()
    {
        var product = await _client.CreateProductAsync($"Retry {Guid.NewGuid():N}", 7m, 10);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _client.PlaceOrderAsync("impatient", key, (product.Id, 3))));

        // Each answer is the order, or "still in flight" for a repeat that came while the first was being written.
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        foreach (var other in responses.Except(created))
        {
            Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
            Assert.Equal("request_in_flight", (await other.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        }
        using var later = await _client.PlaceOrderAsync("impatient", key, (product.Id, 3));
        var bodies = await Task.WhenAll(created.Append(later).Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(7, (await _client.GetProductAsync(product.Id)).Available);

        var orders = await _client.ListOrdersAsync("impatient");
        Assert.Single(orders, o => o.Lines.Any(l => l.ProductId == product.Id));
    }

    [Fact]
    public async Task A_key_still_in_flight_answers_409_and_the_first_request_still_places_the_order()
    {
        var product = await _client.CreateProductAsync($"Double click {Guid.NewGuid():N}", 9m, 10);
        var productDb = await system.DatabaseAsync("productdb");
        var key = Guid.NewGuid().ToString();

        Task<HttpResponseMessage> first;
        await using (var held = await LockWaits.LockRowAsync(productDb, "products", product.Id))
        {
            // The first request's durable reservation waits on the product's row, so it stays in flight.
            first = _client.PlaceOrderAsync("double-click", key, (product.Id, 1));
            await LockWaits.UntilSomeoneWaitsAsync(productDb, "the first request's reservation waiting on the product's row");

            using var repeat = await _client.PlaceOrderAsync("double-click", key, (product.Id, 1));
            Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
            Assert.Equal("request_in_flight", (await repeat.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
            await held.CommitAsync();
        }

        using var placed = await first;
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        using var retried = await _client.PlaceOrderAsync("double-click", key, (product.Id, 1));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal((await placed.Content.ReadFromJsonAsync<OrderDto>())!.Id, (await retried.Content.ReadFromJsonAsync<OrderDto>())!.Id);
        Assert.Equal(9, (await _client.GetProductAsync(product.Id)).Available);
    }

    [Fact]
    public async Task A_key_used_again_for_other_items_answers_422_and_takes_nothing_more()
    {
        var product = await _client.CreateProductAsync($"Reused key {Guid.NewGuid():N}", 4m, 10);
        var other = await _client.CreateProductAsync($"Reused key other {Guid.NewGuid():N}", 4m, 10);
        var key = Guid.NewGuid().ToString();
        using var placed = await _client.PlaceOrderAsync("reuser", key, (product.Id, 1));
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);

        (Guid, int)[][] otherBodies = [[(product.Id, 2)], [(other.Id, 1)], [(product.Id, 1), (other.Id, 1)]];
        foreach (var items in otherBodies)
        {
            using var reused = await _client.PlaceOrderAsync("reuser", key, items);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
            Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("idempotency_key_reused", (await reused.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        }

        Assert.Equal(9, (await _client.GetProductAsync(product.Id)).Available);
        Assert.Equal(10, (await _client.GetProductAsync(other.Id)).Available);
        using var same = await _client.PlaceOrderAsync("reuser", key, (product.Id, 1));
        Assert.Equal(HttpStatusCode.Created, same.StatusCode);
        Assert.Equal((await placed.Content.ReadFromJsonAsync<OrderDto>())!.Id, (await same.Content.ReadFromJsonAsync<OrderDto>())!.Id);
    }

    [Fact]
    public async Task A_retry_of_the_order_that_took_the_last_unit_answers_that_order_not_sold_out()
    {
        var product = await _client.CreateProductAsync($"Last unit {Guid.NewGuid():N}", 6m, 1);
        var key = Guid.NewGuid().ToString();
        using var placed = await _client.PlaceOrderAsync("last-unit", key, (product.Id, 1));
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);

        // Sold out now, and announced: the order service's board refuses the product without asking anyone.
        await Eventually.Until(() => _client.GetProductAsync(product.Id), p => p.State == "sold-out", TimeSpan.FromSeconds(10),
            "the product sold out");
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var late = await _client.PlaceOrderAsync("late-buyer", (product.Id, 1));
        Assert.Equal("sold_out", (await late.Content.ReadFromJsonAsync<ProblemDto>())!.Code);

        // The client that took the unit never saw its 201 and retries with its key: it is told its order, not "sold out".
        using var retried = await _client.PlaceOrderAsync("last-unit", key, (product.Id, 1));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal((await placed.Content.ReadFromJsonAsync<OrderDto>())!.Id, (await retried.Content.ReadFromJsonAsync<OrderDto>())!.Id);
        Assert.Equal(0, (await _client.GetProductAsync(product.Id)).Available);
    }

    [Fact]
    public async Task Keys_that_differ_only_in_case_are_two_orders()
    {
        var product = await _client.CreateProductAsync($"Case {Guid.NewGuid():N}", 3m, 10);
        var user = $"casey-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(
            _client.PlaceOrderAsync(user, "Order-K", (product.Id, 1)),
            _client.PlaceOrderAsync(user, "order-k", (product.Id, 1)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var orders = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<OrderDto>()));
        Assert.NotEqual(orders[0]!.Id, orders[1]!.Id);
        Assert.Equal(8, (await _client.GetProductAsync(product.Id)).Available);
    }

    [Fact]
    public async Task A_per_user_limit_holds_across_concurrent_orders_of_one_user()
    {
        var product = await _client.CreateEventProductAsync($"Limited {Guid.NewGuid():N}", 20m, 100, DateTime.UtcNow.AddSeconds(-1), perUserLimit: 2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _client.PlaceOrderAsync("greedy", (product.Id, 1))));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(8, refused.Count);
        Assert.Equal("limit_exceeded", (await refused[0].Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        Assert.Equal(98, (await _client.GetProductAsync(product.Id)).Available);
    }
}

[Collection(SystemCollection.Name)]
public sealed class AtomicReservationConcurrencyTests(FlashSalesApp system) : ReservationConcurrencyTests(system);

[Collection(LockSystemCollection.Name)]
public sealed class LockReservationConcurrencyTests(FlashSalesLockApp system) : ReservationConcurrencyTests(system);
