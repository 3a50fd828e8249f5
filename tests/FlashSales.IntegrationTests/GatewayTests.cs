namespace FlashSales.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class GatewayTests(FlashSalesApp system)
{
    [Fact]
    public async Task Unknown_product_is_a_404_problem()
    {
        using var response = await system.Gateway.GetAsync($"/api/products/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Order_for_a_product_that_does_not_exist_is_rejected_without_writing_an_order()
    {
        var client = system.Client();
        var user = $"nobody-{Guid.NewGuid():N}";
        using var response = await client.PlaceOrderAsync(user, (Guid.NewGuid(), 1));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        Assert.Empty(await client.ListOrdersAsync(user));
    }

    [Theory]
    [InlineData("""{"items":[{"productId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","quantity":0}]}""", "key", "Items[0].Quantity")]
    [InlineData("""{"items":[]}""", "key", "Items")]
    [InlineData("""{"items":[null]}""", "key", "Items")]
    [InlineData("""{"items":[{"productId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","quantity":1}]}""", null, "Idempotency-Key")]
    public async Task Bad_orders_are_400_problems_naming_the_field(string json, string? key, string field)
    {
        var request = new HttpRequestMessage(HttpMethod.Post,
            "/api/orders")
        { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        request.Headers.Authorization = await BearerAsync();
        using var response = await system.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>();
        Assert.Contains(problem!.Errors!.Keys, k => k.Equals(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_not_a_500()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post,
            "/api/orders")
        { Content = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = await BearerAsync();
        using var response = await system.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Order_requests_are_spread_over_the_order_replicas()
    {
        // The system runs two order replicas in this suite; the gateway resolves both through service discovery.
        var order = system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "order");
        Assert.Equal(2, order.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);

        // Bursts of requests in parallel, as buyers send them: more than one HTTP/2 connection's worth of streams (Kestrel
        // allows 100), so the gateway opens several connections, which Aspire's proxy deals out to the replicas; and the
        // gateway renews its connections every second in this suite (Gateway:ConnectionLifetime, 10 s by default).
        var client = system.Client();
        var served = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (served.Count < 2 && DateTime.UtcNow < deadline)
        {
            var responses = await Task.WhenAll(Enumerable.Range(0,
                300).Select(_ => client.SendAsAsync("replica-watcher", HttpMethod.Get, $"/api/orders/{Guid.NewGuid()}")));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
            served.UnionWith(responses.Select(r => r.Headers.GetValues("x-served-by").Single()));
            foreach (var response in responses) response.Dispose();
            await Task.Delay(500);
        }
        Assert.Equal(2, served.Count);
        Assert.All(served, s => Assert.StartsWith("Ordering.Api/", s));
    }

    [Fact]
    public async Task A_service_answering_before_the_body_arrived_leaves_the_callers_connection_usable()
    {
        // The product service refuses an anonymous stock change (401) from the headers alone. If the gateway forwarded
        // the headers before the body had arrived, it would answer while still reading the body, and Kestrel, unable
        // to finish that read, would drop the connection after a response that promised to keep it open: the caller's
        // next request on it fails ("the response ended prematurely").
        await using var connection = await RawHttp1Connection.OpenAsync(system.App.GetEndpoint("gateway", "http"));
        const string body = """{"stock":5}""";
        for (var i = 0; i < 3; i++)
        {
            await connection.SendHeadAsync($"PUT /api/products/{Guid.NewGuid()}/stock",
                "Content-Type: application/json", $"Content-Length: {body.Length}");
            await Task.Delay(300);
            await connection.SendAsync(body);
            var response = await connection.ReadResponseHeadAsync();
            Assert.StartsWith("HTTP/1.1 401", response);
            Assert.DoesNotContain("Connection: close", response, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_chunked_body_over_the_cap_is_a_413_problem()
    {
        // No length announced, so the gateway finds out while it reads the body before forwarding it.
        await using var connection = await RawHttp1Connection.OpenAsync(system.App.GetEndpoint("gateway", "http"));
        await connection.SendHeadAsync("POST /api/products", "Content-Type: application/json", "Transfer-Encoding: chunked");
        var chunk = new string('x', 8 * 1024);
        for (var i = 0; i < 9; i++) await connection.SendAsync($"{chunk.Length:x}\r\n{chunk}\r\n");
        await connection.SendAsync("0\r\n\r\n");

        var response = await connection.ReadResponseHeadAsync();
        Assert.StartsWith("HTTP/1.1 413", response);
        Assert.Contains("Content-Type: application/problem+json", response, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<System.Net.Http.Headers.AuthenticationHeaderValue> BearerAsync() =>
        new("Bearer", (await system.Client().UserAsync("bad-input")).AccessToken);
}
