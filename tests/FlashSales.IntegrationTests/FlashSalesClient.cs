namespace FlashSales.IntegrationTests;

/// <summary>Calls the public API through the gateway, as a shop front (and the shop's admin) would.</summary>
public sealed class FlashSalesClient(HttpClient gateway, string adminKey)
{
    public HttpClient Http => gateway;

    public Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Admin-Key", adminKey);
        return gateway.SendAsync(request);
    }

    public async Task<ProductDto> CreateProductAsync(string name, decimal price, int stock) =>
        await CreateAsync(new { name, description = "test", price, stock });

    public async Task<ProductDto> CreateEventProductAsync(string name, decimal price, int stock, DateTime opensAt, int perUserLimit, DateTime? closesAt = null) =>
        await CreateAsync(new { name, description = "flash", price, stock, kind = "Event", opensAt, closesAt, perUserLimit });

    private async Task<ProductDto> CreateAsync(object product)
    {
        using var response = await AdminAsync(HttpMethod.Post, "/api/products", product);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductDto>())!;
    }

    public async Task<ProductDto> GetProductAsync(Guid id) => (await gateway.GetFromJsonAsync<ProductDto>($"/api/products/{id}"))!;

    public Task<HttpResponseMessage> PlaceOrderAsync(string userId, params (Guid ProductId, int Quantity)[] items) =>
        PlaceOrderAsync(userId, Guid.NewGuid().ToString(), items);

    public Task<HttpResponseMessage> PlaceOrderAsync(string userId, string idempotencyKey, params (Guid ProductId, int Quantity)[] items)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { userId, items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return gateway.SendAsync(request);
    }

    public async Task<OrderDto> PlaceOrderOkAsync(string userId, params (Guid ProductId, int Quantity)[] items)
    {
        using var response = await PlaceOrderAsync(userId, items);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrderDto>())!;
    }

    public async Task<OrderDto> GetOrderAsync(Guid id) => (await gateway.GetFromJsonAsync<OrderDto>($"/api/orders/{id}"))!;

    public Task<HttpResponseMessage> PayAsync(Guid orderId, string cardNumber, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments") { Content = JsonContent.Create(new { orderId, cardNumber }) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        return gateway.SendAsync(request);
    }

    public async Task<PaymentDto> PayOkAsync(Guid orderId, string cardNumber)
    {
        using var response = await PayAsync(orderId, cardNumber);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PaymentDto>())!;
    }

    public Task<OrderDto> WaitForOrderStatusAsync(Guid orderId, string status) =>
        Eventually.Until(() => GetOrderAsync(orderId), o => o.Status == status, TimeSpan.FromSeconds(45), $"order {orderId} becoming {status}");

    public Task<ProductDto> WaitForProductAsync(Guid productId, Func<ProductDto, bool> done, string what) =>
        Eventually.Until(() => GetProductAsync(productId), done, TimeSpan.FromSeconds(30), what);
}
