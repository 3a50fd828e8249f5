namespace FlashSales.IntegrationTests;

/// <summary>Product → order → payment through the gateway; the payment's Kafka event must change the order.</summary>
[Collection(SystemCollection.Name)]
public sealed class PaymentFlowTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task Approved_payment_completes_the_order_through_its_event()
    {
        var product = await _client.CreateProductAsync("Sneaker", 59.90m, 10);
        var order = await _client.PlaceOrderOkAsync("alice", (product.Id, 2));
        Assert.Equal("Pending", order.Status);
        Assert.Equal(119.80m, order.Total);
        Assert.Equal("Sneaker", Assert.Single(order.Lines).ProductName);

        var payment = await _client.PayOkAsync(order.Id, "4242424242424242");
        Assert.Equal("Succeeded", payment.Status);

        var paid = await _client.WaitForOrderStatusAsync(order.Id, "Completed");
        Assert.True(paid.UpdatedAt > order.UpdatedAt);
    }

    [Fact]
    public async Task Declined_payment_fails_the_order_through_its_event()
    {
        var product = await _client.CreateProductAsync("Hoodie", 30m, 5);
        var order = await _client.PlaceOrderOkAsync("bob", (product.Id, 1));

        var payment = await _client.PayOkAsync(order.Id, "4000000000000002");
        Assert.Equal("Failed", payment.Status);

        await _client.WaitForOrderStatusAsync(order.Id, "Failed");
    }

    [Fact]
    public async Task A_finished_order_cannot_be_paid_again()
    {
        var product = await _client.CreateProductAsync("Cap", 12m, 5);
        var order = await _client.PlaceOrderOkAsync("carol", (product.Id, 1));
        await _client.PayOkAsync(order.Id, "4242424242424242");
        await _client.WaitForOrderStatusAsync(order.Id, "Completed");

        using var again = await _client.PayAsync(order.Id, "4242424242424242");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }
}
