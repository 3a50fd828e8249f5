using FlashSales.ReservationContracts;

namespace FlashSales.IntegrationTests;

/// <summary>Every catalog rule at the product service's own endpoints, with the clock under the test's control.</summary>
[Collection(SystemCollection.Name)]
public sealed class ProductEndpointTests(ProductServiceHost host) : IClassFixture<ProductServiceHost>
{
    private HttpClient Api => host.Client;
    private DateTime Now => host.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task The_clock_endpoint_tells_the_server_time()
    {
        var clock = await Api.GetFromJsonAsync<Dictionary<string, DateTime>>("/api/products/clock");
        Assert.Equal(Now, clock!["utcNow"]);
    }

    [Theory]
    [InlineData("""{"name":"x","price":0,"stock":1}""", "Price")]
    [InlineData("""{"name":"x","price":-5,"stock":1}""", "Price")]
    [InlineData("""{"name":"x","price":5,"stock":-1}""", "Stock")]
    [InlineData("""{"name":"","price":5,"stock":1}""", "Name")]
    [InlineData("""{"name":"x","price":5,"stock":1,"kind":"Event","perUserLimit":1}""", "OpensAt")]
    [InlineData("""
        {"name":"x","price":5,"stock":1,"kind":"Event","opensAt":"2026-12-01T10:00:00Z","closesAt":"2026-12-01T10:00:00Z","perUserLimit":1}
        """, "ClosesAt")]
    [InlineData("""{"name":"x","price":5,"stock":1,"kind":"Regular","perUserLimit":1}""", "Kind")]
    public async Task Bad_products_are_refused_with_field_errors(string json, string field)
    {
        using var response = await Api.PostAsync("/api/products", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();
        Assert.Contains(problem!.Errors!.Keys, k => k.Equals(field, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\":\"x\",\"price\":\"cheap\",\"stock\":1}")]
    public async Task Malformed_json_is_a_400_problem(string json)
    {
        using var response = await Api.PostAsync("/api/products", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_and_deleted_products_are_404()
    {
        using var unknown = await Api.GetAsync($"/api/products/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var product = await CreateAsync(new { name = "Gone soon", price = 3, stock = 1 });
        using var deleted = await Api.DeleteAsync($"/api/products/{product.Id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var after = await Api.GetAsync($"/api/products/{product.Id}");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        using var update = await Api.PutAsJsonAsync($"/api/products/{product.Id}", new { name = "x", price = 1 });
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
    }

    [Theory]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("state=almost", "state")]
    [InlineData("sort=name", "sort")]
    public async Task Bad_list_queries_are_refused(string query, string field)
    {
        using var response = await Api.GetAsync($"/api/products?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Errors!.Keys);
    }

    [Fact]
    public async Task The_time_gate_opens_and_closes_on_the_server_clock()
    {
        var opensAt = Now.AddHours(1);
        var product = await CreateAsync(new
        {
            name = "Midnight drop", price = 50, stock = 10, kind = "Event", opensAt,
            closesAt = opensAt.AddMinutes(30), perUserLimit = 2
        });
        Assert.Equal("upcoming", product.State);

        var early = await ReserveAsync(product.Id, "u1", 1);
        Assert.Equal(HttpStatusCode.Conflict, early.Status);
        Assert.Equal("not_open", early.Problem!.Code);
        Assert.Equal(opensAt, early.Problem.OpensAt);

        host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("open", (await GetAsync(product.Id)).State);
        Assert.Equal(HttpStatusCode.OK, (await ReserveAsync(product.Id, "u1", 1)).Status);
        Assert.Equal("limit_exceeded", (await ReserveAsync(product.Id, "u2", 3)).Problem!.Code);

        host.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal("closed", (await GetAsync(product.Id)).State);
        Assert.Equal("closed", (await ReserveAsync(product.Id, "u3", 1)).Problem!.Code);

        // Rescheduling opens it again.
        using var reschedule = await Api.PutAsJsonAsync($"/api/products/{product.Id}/sale-window",
            new { opensAt = Now, closesAt = Now.AddHours(1), perUserLimit = 2 });
        Assert.Equal(HttpStatusCode.OK, reschedule.StatusCode);
        Assert.Equal("open", (await GetAsync(product.Id)).State);
        using var badWindow = await Api.PutAsJsonAsync($"/api/products/{product.Id}/sale-window",
            new { opensAt = Now, closesAt = Now.AddHours(-1), perUserLimit = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.StatusCode);
    }

    [Fact]
    public async Task Stock_never_goes_below_what_is_reserved()
    {
        var product = await CreateAsync(new { name = "Scarce", price = 8, stock = 5 });
        Assert.Equal(HttpStatusCode.OK, (await ReserveAsync(product.Id, "holder", 3)).Status);

        using var tooLow = await Api.PutAsJsonAsync($"/api/products/{product.Id}/stock", new { stock = 2 });
        Assert.Equal(HttpStatusCode.Conflict, tooLow.StatusCode);
        using var exact = await Api.PutAsJsonAsync($"/api/products/{product.Id}/stock", new { stock = 3 });
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        Assert.Equal(0, (await GetAsync(product.Id)).Available);
        Assert.Equal("sold-out", (await GetAsync(product.Id)).State);

        using var added = await Api.PostAsJsonAsync($"/api/products/{product.Id}/stock/additions", new { quantity = 4 });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var after = await GetAsync(product.Id);
        Assert.Equal((7, 4L), (after.Stock, after.Available));
        using var negative = await Api.PutAsJsonAsync($"/api/products/{product.Id}/stock", new { stock = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
    }

    [Fact]
    public async Task A_batch_of_reservations_answers_each_order_on_its_own()
    {
        var scarce = await CreateAsync(new { name = "Batch scarce", price = 4, stock = 2 });
        var plenty = await CreateAsync(new { name = "Batch plenty", price = 6, stock = 10 });
        var requests = Enumerable.Range(0, 3).Select(i => new ReserveRequest(Guid.NewGuid(), $"batch-{i}", [new ReserveItem(scarce.Id, 1)], 600))
            .Append(new ReserveRequest(Guid.NewGuid(), "batch-3", [new ReserveItem(plenty.Id, 2)], 600))
            .Append(new ReserveRequest(Guid.NewGuid(), "batch-4", [new ReserveItem(Guid.NewGuid(), 1)], 600))
            .ToList();

        using var response = await Api.PostAsJsonAsync(ReservationRoutes.ReserveBatch, new ReserveBatchRequest(requests));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await response.Content.ReadFromJsonAsync<ReserveBatchResponse>())!.Answers;

        // In the requests' order: two of the three for the scarce product got its two units, the third was refused.
        Assert.Equal(5, answers.Count);
        var scarceAnswers = answers.Take(3).ToList();
        Assert.Equal(2, scarceAnswers.Count(a => a.Lease is not null));
        Assert.Equal(RefusalCodes.SoldOut, Assert.Single(scarceAnswers, a => a.Lease is null).Refusal?.Code);
        Assert.All(answers.Zip(requests).Where(p => p.First.Lease is not null), p => Assert.Equal(p.Second.OrderId, p.First.Lease!.OrderId));
        Assert.Equal(requests[3].OrderId, answers[3].Lease?.OrderId);
        Assert.Equal(RefusalCodes.UnknownProduct, answers[4].Refusal?.Code);
        Assert.Equal(0, (await GetAsync(scarce.Id)).Available);
        Assert.Equal(8, (await GetAsync(plenty.Id)).Available);
    }

    [Fact]
    public async Task A_batch_with_a_malformed_request_is_refused_whole_before_anything_is_reserved()
    {
        var product = await CreateAsync(new { name = "Batch untouched", price = 4, stock = 5 });
        var good = new ReserveRequest(Guid.NewGuid(), "batch-good", [new ReserveItem(product.Id, 1)], 600);
        var twice = new ReserveRequest(Guid.NewGuid(), "batch-twice", [new ReserveItem(product.Id, 1), new ReserveItem(product.Id, 1)], 600);

        using var response = await Api.PostAsJsonAsync(ReservationRoutes.ReserveBatch, new ReserveBatchRequest([good, twice]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(5, (await GetAsync(product.Id)).Available);
    }

    [Fact]
    public async Task Updates_show_at_once_despite_the_cache()
    {
        var product = await CreateAsync(new { name = "Old name", price = 10, stock = 1 });
        await GetAsync(product.Id); // cached now
        using var update = await Api.PutAsJsonAsync($"/api/products/{product.Id}", new { name = "New name", price = 12.5 });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var after = await GetAsync(product.Id);
        Assert.Equal(("New name", 12.5m), (after.Name, after.Price));
        Assert.True(after.Version > product.Version);
    }

    [Fact]
    public async Task Lists_page_filter_by_kind_and_state_and_sort_by_price_and_opening()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await CreateAsync(new { name = $"r-{tag}", price = 30, stock = 1 });
        await CreateAsync(new { name = $"s-{tag}", price = 5, stock = 0 });
        await CreateAsync(new { name = $"u-{tag}", price = 20, stock = 1, kind = "Event", opensAt = Now.AddDays(2), perUserLimit = 1 });
        await CreateAsync(new { name = $"o-{tag}", price = 10, stock = 1, kind = "Event", opensAt = Now.AddDays(-1), perUserLimit = 1 });

        var upcoming = await ListAsync("kind=Event&state=upcoming&sort=-opensAt&pageSize=100");
        Assert.All(upcoming.Items, p => Assert.True(p.OpensAt > Now));
        Assert.Contains(upcoming.Items, p => p.Name == $"u-{tag}");
        Assert.DoesNotContain(upcoming.Items, p => p.Name == $"o-{tag}");
        Assert.Equal(upcoming.Items.OrderByDescending(p => p.OpensAt).Select(p => p.OpensAt), upcoming.Items.Select(p => p.OpensAt));

        var soldOut = await ListAsync("state=sold-out&pageSize=100");
        Assert.Contains(soldOut.Items, p => p.Name == $"s-{tag}");
        Assert.All(soldOut.Items, p => Assert.Equal("sold-out", p.State));

        var open = await ListAsync("state=open&sort=-price&pageSize=100");
        Assert.All(open.Items, p => Assert.Equal("open", p.State));
        Assert.Equal(open.Items.OrderByDescending(p => p.Price).Select(p => p.Price), open.Items.Select(p => p.Price));

        var page = await ListAsync("pageSize=2&page=2&sort=price");
        Assert.Equal(2, page.Items.Count);
        Assert.True(page.Total >= 4);
    }

    [Fact]
    public async Task The_benchmark_catalogue_loads_in_bulk_with_its_counters()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await Api.PostAsJsonAsync("/api/products/seed",
            new { products = 2000, stock = 100, eventShare = 0.25, opensInSeconds = 60, perUserLimit = 2 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seeded = await response.Content.ReadFromJsonAsync<SeededDto>();
        Assert.Equal((2000, 500), (seeded!.Products, seeded.EventProducts));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), $"seeding took {started.Elapsed}");

        var firstEvent = await GetAsync(seeded.Ids[0]);
        Assert.Equal(("Event", "upcoming", 100L), (firstEvent.Kind, firstEvent.State, firstEvent.Available));
        var lastRegular = await GetAsync(seeded.Ids[^1]);
        Assert.Equal(("Regular", "open"), (lastRegular.Kind, lastRegular.State));
    }

    private sealed record SeededDto(int Products, int EventProducts, DateTime OpensAt, List<Guid> Ids);

    private async Task<ProductDto> CreateAsync(object product)
    {
        using var response = await Api.PostAsJsonAsync("/api/products", product);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductDto>())!;
    }

    private async Task<ProductDto> GetAsync(Guid id) => (await Api.GetFromJsonAsync<ProductDto>($"/api/products/{id}"))!;

    private async Task<ProductPageDto> ListAsync(string query) => (await Api.GetFromJsonAsync<ProductPageDto>($"/api/products?{query}"))!;

    private async Task<(HttpStatusCode Status, ProblemDto? Problem)> ReserveAsync(Guid productId, string userId, int quantity)
    {
        using var response = await Api.PostAsJsonAsync(ReservationRoutes.Reserve,
            new ReserveRequest(Guid.NewGuid(), userId, [new ReserveItem(productId, quantity)], HoldSeconds: 86_400));
        return (response.StatusCode, response.IsSuccessStatusCode ? null : await response.Content.ReadFromJsonAsync<ProblemDto>());
    }
}
