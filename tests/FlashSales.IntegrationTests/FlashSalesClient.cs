namespace FlashSales.IntegrationTests;

/// <summary>Calls the public API through the gateway, as a shop front would.</summary>
public sealed class FlashSalesClient(HttpClient gateway)
{
    public async Task<ProductDto> CreateProductAsync(string name, decimal price, int stock)
    {
        using var response = await gateway.PostAsJsonAsync("/api/products", new { name, description = "test", price, stock });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductDto>())!;
    }

    public Task<HttpResponseMessage> PlaceOrderAsync(string userId, params (Guid ProductId, int Quantity)[] items) =>
        gateway.PostAsJsonAsync("/api/orders", new { userId, items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }) });

    public async Task<OrderDto> PlaceOrderOkAsync(string userId, params (Guid ProductId, int Quantity)[] items)
    {
        using var response = await PlaceOrderAsync(userId, items);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrderDto>())!;
    }

    public async Task<OrderDto> GetOrderAsync(Guid id) => (await gateway.GetFromJsonAsync<OrderDto>($"/api/orders/{id}"))!;

    public async Task<PaymentDto> PayAsync(Guid orderId, string cardNumber)
    {
        using var response = await gateway.PostAsJsonAsync("/api/payments", new { orderId, cardNumber });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PaymentDto>())!;
    }

    public Task<OrderDto> WaitForOrderStatusAsync(Guid orderId, string status) =>
        Eventually.Until(() => GetOrderAsync(orderId), o => o.Status == status, TimeSpan.FromSeconds(20), $"order {orderId} becoming {status}");
}
