namespace FlashSales.IntegrationTests;

/// <summary>
/// Event products' waitlists through the gateway, against the whole system: who may join, in what order units that
/// come back are offered, and that a unit is never offered twice nor lost, with many shoppers at once.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WaitlistTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    private sealed record Place(Guid ProductId, string Status, int? Position, int Waiting, Guid? OrderId);

    [Fact]
    public async Task Joining_is_refused_before_the_sale_while_units_are_on_sale_and_once_every_unit_is_paid()
    {
        var upcoming = await _client.CreateEventProductAsync($"Later {Guid.NewGuid():N}", 5m, 1, DateTime.UtcNow.AddHours(1), 1);
        await AssertRefusedAsync(Unique("early"), upcoming.Id, "not_open");

        var regular = await _client.CreateProductAsync($"Everyday {Guid.NewGuid():N}", 5m, 1);
        await AssertRefusedAsync(Unique("regular"), regular.Id, "not_event");

        var product = await _client.CreateEventProductAsync($"Paid out {Guid.NewGuid():N}", 5m, 2, DateTime.UtcNow, 1);
        await AssertRefusedAsync(Unique("eager"), product.Id, "on_sale");

        var orders = new[] { await _client.PlaceOrderOkAsync(Unique("buyer"), (product.Id, 1)),
            await _client.PlaceOrderOkAsync(Unique("buyer"), (product.Id, 1)) };
        // A shopper who holds the deal's limit has nothing to wait for.
        await AssertRefusedAsync(FlashSalesClient.OwnerOf(orders[0].Id), product.Id, "limit_exceeded");
        foreach (var order in orders) await _client.PayOkAsync(order.Id, "4242424242424242");
        await _client.WaitForProductAsync(product.Id, p => p.Stock == 0, "the units sold");
        await AssertRefusedAsync(Unique("hopeful"), product.Id, "sold_out");
    }

    [Fact]
    public async Task Places_follow_the_order_of_joining_and_joining_twice_keeps_one_place()
    {
        var product = await SoldOutAsync(units: 1);
        var (first, second, third) = (Unique("w1"), Unique("w2"), Unique("w3"));

        Assert.Equal(1, (await JoinAsync(first, product)).Position);
        Assert.Equal(2, (await JoinAsync(second, product)).Position);
        Assert.Equal(3, (await JoinAsync(third, product)).Position);
        Assert.Equal(new Place(product, "waiting", 2, 3, null), await JoinAsync(second, product));

        using var left = await _client.SendAsAsync(second, HttpMethod.Delete, WaitlistOf(product));
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.Equal(new Place(product, "waiting", 2, 2, null), await PlaceOfAsync(third, product));
        Assert.Equal(new Place(product, "none", null, 2, null), await PlaceOfAsync(second, product));
    }

    [Fact]
    public async Task Units_that_come_back_go_one_each_to_the_first_in_line_and_the_rest_back_on_sale()
    {
        var product = await _client.CreateEventProductAsync($"Three back {Guid.NewGuid():N}", 8m, 3, DateTime.UtcNow, 3);
        var holder = await _client.PlaceOrderOkAsync(Unique("holder"), (product.Id, 3));
        var (first, second) = (Unique("first"), Unique("second"));
        await JoinAsync(first, product.Id);
        await JoinAsync(second, product.Id);

        using var cancelled = await _client.CancelOrderAsync(holder.Id);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var firstClaim = await ClaimOfAsync(first, product.Id);
        var secondClaim = await ClaimOfAsync(second, product.Id);
        Assert.Equal(1, Assert.Single(firstClaim.Lines).Quantity);
        Assert.Equal(1, Assert.Single(secondClaim.Lines).Quantity);
        var after = await _client.WaitForProductAsync(product.Id, p => p.Available == 1, "the unit nobody waited for back on sale");
        Assert.Equal(3, after.Stock);
        Assert.Equal(new Place(product.Id, "offered", null, 0, firstClaim.Id), await PlaceOfAsync(first, product.Id));
    }

    [Fact]
    public async Task A_claim_not_paid_in_time_passes_to_the_next_shopper()
    {
        var product = await SoldOutAsync(units: 1, cancel: false);
        var (slow, patient) = (Unique("slow"), Unique("patient"));
        await JoinAsync(slow, product);
        await JoinAsync(patient, product);
        await CancelHolderAsync(product);

        var unpaid = await ClaimOfAsync(slow, product);
        // The slow shopper never pays: the claim lapses like any order, and the unit goes on down the line.
        var claim = await ClaimOfAsync(patient, product, TimeSpan.FromSeconds(120));
        using (var paid = await _client.PayAsync(claim.Id, "4242424242424242", asUser: patient))
        {
            Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        }
        await Eventually.Until(() => OrderOfAsync(patient, claim.Id), o => o.Status == "Completed", TimeSpan.FromSeconds(60),
            "the passed-on claim completing");
        Assert.Equal("Expired", (await OrderOfAsync(slow, unpaid.Id)).Status);
        var sold = await _client.WaitForProductAsync(product, p => p.Stock == 0, "the unit sold to the second in line");
        Assert.Equal(0, sold.Available);
    }

    [Fact]
    public async Task Many_shoppers_joining_and_claims_released_at_once_never_offer_a_unit_twice_nor_lose_one()
    {
        const int Units = 10, Waiting = 25;
        var product = await _client.CreateEventProductAsync($"Stampede line {Guid.NewGuid():N}", 3m, Units, DateTime.UtcNow, 1);
        var holders = await Task.WhenAll(Enumerable.Range(0, Units)
            .Select(i => _client.PlaceOrderOkAsync(Unique($"h{i}"), (product.Id, 1))));
        var shoppers = Enumerable.Range(0, Waiting).Select(i => Unique($"q{i}")).ToList();
        var places = await Task.WhenAll(shoppers.Select(s => JoinAsync(s, product.Id)));
        Assert.Equal(Enumerable.Range(1, Waiting), places.Select(p => p.Position!.Value).Order());

        var cancels = await Task.WhenAll(holders.Select(h => _client.CancelOrderAsync(h.Id)));
        Assert.All(cancels, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));

        // The first ten in line get one unit each; the others wait on, and nothing is on sale.
        var firstTen = shoppers.OrderBy(s => places[shoppers.IndexOf(s)].Position).Take(Units).ToList();
        var claims = await Task.WhenAll(firstTen.Select(s => ClaimOfAsync(s, product.Id)));
        Assert.Equal(Units, claims.Select(c => c.Id).Distinct().Count());
        var productDb = await system.DatabaseAsync("productdb");
        Assert.Equal(Units, await Sql.CountAsync(productDb,
            $"SELECT COUNT(*) FROM waitlist WHERE ProductId = '{product.Id}' AND Status = 'Offered'"));
        Assert.Equal(Units, await Sql.CountAsync(productDb,
            $"SELECT COALESCE(SUM(Quantity), 0) FROM reservations WHERE ProductId = '{product.Id}' AND Status = 'Reserved'"));
        foreach (var rest in shoppers.Except(firstTen)) Assert.Equal("waiting", (await PlaceOfAsync(rest, product.Id)).Status);
        var now = await _client.GetProductAsync(product.Id);
        Assert.Equal(0, now.Available);
        Assert.Equal(Units, now.Stock);
    }

    [Fact]
    public async Task The_line_survives_the_product_service_being_killed_and_its_turn_still_comes()
    {
        var product = await SoldOutAsync(units: 1);
        var (first, second) = (Unique("kept1"), Unique("kept2"));
        await JoinAsync(first, product);
        await JoinAsync(second, product);

        await ResourceProcesses.KillAndStartAsync(system.App, "product", TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(new Place(product, "waiting", 2, 2, null), await PlaceOfAsync(second, product));
        // The holder never pays: once the lease lapses, the restarted service hands the unit to the first in line.
        var claim = await ClaimOfAsync(first, product, TimeSpan.FromSeconds(120));
        using (var paid = await _client.PayAsync(claim.Id, "4242424242424242", asUser: first))
        {
            Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        }
        await Eventually.Until(() => OrderOfAsync(first, claim.Id), o => o.Status == "Completed", TimeSpan.FromSeconds(60),
            "the claim completing");
        Assert.Equal("waiting", (await PlaceOfAsync(second, product)).Status);
    }

    [Fact]
    public async Task The_waitlist_closes_with_the_sale_window()
    {
        var product = await SoldOutAsync(units: 1);
        var waiter = Unique("late-sale");
        await JoinAsync(waiter, product);

        // The shop ends the sale now (an admin moving the window, not a test waiting for a clock).
        var opened = await _client.GetProductAsync(product);
        using (var closed = await _client.AdminAsync(HttpMethod.Put, $"/api/products/{product}/sale-window",
            new { opensAt = opened.OpensAt, closesAt = DateTime.UtcNow, perUserLimit = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }
        await _client.WaitForProductAsync(product, p => p.State == "closed", "the sale closed");
        await AssertRefusedAsync(Unique("too-late"), product, "closed");
        await Eventually.Until(async () =>
        {
            using var order = await _client.PlaceOrderAsync(Unique("probe"), (product, 1));
            return (await order.Content.ReadFromJsonAsync<Dictionary<string, object>>())?.GetValueOrDefault("code")?.ToString();
        }, code => code == "closed", TimeSpan.FromSeconds(30), "the order path seeing the sale closed");

        // The holder never pays: the lease lapses after the sale ended, and its unit is offered to nobody.
        await Eventually.Until(() => _client.GetProductAsync(product), p => p.Available == 1, TimeSpan.FromSeconds(120),
            "the lapsed unit back");
        Assert.Equal(new Place(product, "waiting", 1, 1, null), await PlaceOfAsync(waiter, product));
    }

    [Fact]
    public async Task A_full_waitlist_turns_away_exactly_the_shoppers_beyond_its_length()
    {
        var product = await SoldOutAsync(units: 1);
        var answers = await Task.WhenAll(Enumerable.Range(0, FlashSalesApp.WaitlistLength + 6).Select(async i =>
        {
            using var response = await _client.SendAsAsync(Unique($"f{i}"), HttpMethod.Post, WaitlistOf(product));
            return response.StatusCode;
        }));
        Assert.Equal(FlashSalesApp.WaitlistLength, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(6, answers.Count(a => a == HttpStatusCode.Conflict));
        Assert.Equal(FlashSalesApp.WaitlistLength, (await PlaceOfAsync(Unique("late"), product)).Waiting);
    }

    private async Task<Guid> SoldOutAsync(int units, bool cancel = false)
    {
        var product = await _client.CreateEventProductAsync($"Waited for {Guid.NewGuid():N}", 12m, units, DateTime.UtcNow, units);
        var holder = await _client.PlaceOrderOkAsync(Unique("holder"), (product.Id, units));
        _holders[product.Id] = holder.Id;
        if (cancel) await CancelHolderAsync(product.Id);
        return product.Id;
    }

    private readonly Dictionary<Guid, Guid> _holders = [];

    private async Task CancelHolderAsync(Guid product)
    {
        using var cancelled = await _client.CancelOrderAsync(_holders[product]);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
    }

    private async Task<Place> JoinAsync(string shopper, Guid product)
    {
        using var response = await _client.SendAsAsync(shopper, HttpMethod.Post, WaitlistOf(product));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Place>())!;
    }

    private async Task AssertRefusedAsync(string shopper, Guid product, string code)
    {
        using var response = await _client.SendAsAsync(shopper, HttpMethod.Post, WaitlistOf(product));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal(code, problem!["code"].ToString());
    }

    private async Task<Place> PlaceOfAsync(string shopper, Guid product)
    {
        using var response = await _client.SendAsAsync(shopper, HttpMethod.Get, WaitlistOf(product));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Place>())!;
    }

    /// <summary>The shopper's claim on the product: the Pending order the order service recorded for them.</summary>
    private Task<OrderDto> ClaimOfAsync(string shopper, Guid product, TimeSpan? within = null) =>
        Eventually.Until(async () => (await _client.ListOrdersAsync(shopper)).SingleOrDefault(o => o.Lines.Any(l => l.ProductId == product))!,
            o => o is { Status: "Pending" }, within ?? TimeSpan.FromSeconds(45), $"{shopper}'s claim");

    private async Task<OrderDto> OrderOfAsync(string shopper, Guid orderId) =>
        (await _client.ListOrdersAsync(shopper)).Single(o => o.Id == orderId);

    private static string WaitlistOf(Guid product) => $"/api/products/{product}/waitlist";

    private static string Unique(string who) => $"{who}-{Guid.NewGuid():N}"[..20];
}
