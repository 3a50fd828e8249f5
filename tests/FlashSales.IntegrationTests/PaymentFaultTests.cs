namespace FlashSales.IntegrationTests;

/// <summary>
/// A card is charged at most once per payment, whatever fails around the charge: the attempt is recorded before the
/// processor is called, and the processor (the simulator, whose ledger these tests read) charges a key once.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PaymentFaultTests(FlashSalesApp system)
{
    private const string Approved = "4242424242424242";
    private const string Declined = "4000000000000002";
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task A_payment_without_a_card_number_is_a_400()
    {
        var order = await PendingOrderAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments") { Content = JsonContent.Create(new { orderId = order.Id }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.Authorization = new("Bearer", (await _client.UserAsync(FlashSalesClient.OwnerOf(order.Id))).AccessToken);

        using var response = await system.Gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await ChargesAsync(order.Id));
    }

    [Fact]
    public async Task A_charge_whose_outcome_could_not_be_stored_is_not_charged_again_when_retried()
    {
        var order = await PendingOrderAsync();
        var key = Guid.NewGuid().ToString();

        await using (await FailPaymentUpdatesAsync(order.Id))
        {
            using var lost = await _client.PayAsync(order.Id, Approved, key);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
            Assert.Equal("application/problem+json", lost.Content.Headers.ContentType?.MediaType);

            // The attempt is in force (its outcome not recorded): another key is refused, it would be a second charge.
            using var otherKey = await _client.PayAsync(order.Id, Approved, Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.Conflict, otherKey.StatusCode);
        }
        Assert.Equal(1, await ChargesAsync(order.Id));

        using var retried = await _client.PayAsync(order.Id, Approved, key);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal("Succeeded", (await retried.Content.ReadFromJsonAsync<PaymentDto>())!.Status);
        Assert.Equal(1, await ChargesAsync(order.Id));
        await _client.WaitForOrderStatusAsync(order.Id, "Completed");
    }

    [Fact]
    public async Task A_payment_whose_outcome_was_lost_is_resolved_without_a_retry()
    {
        var order = await PendingOrderAsync();

        await using (await FailPaymentUpdatesAsync(order.Id))
        {
            using var lost = await _client.PayAsync(order.Id, Approved, Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
        }

        // Nobody retries: the payment service asks the processor about the key and records the charge it made.
        var completed = await Eventually.Until(() => _client.GetOrderAsync(order.Id), o => o.Status == "Completed",
            FlashSalesApp.ResolvePendingAfter + TimeSpan.FromSeconds(30), "the lost payment being resolved");
        Assert.Equal(1, await ChargesAsync(order.Id));
    }

    [Fact]
    public async Task A_declined_order_is_not_charged_by_a_retry_with_a_new_key()
    {
        var order = await PendingOrderAsync();
        using var declined = await _client.PayAsync(order.Id, Declined, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, declined.StatusCode);

        // At once, before the order has heard of the decline.
        using var again = await _client.PayAsync(order.Id, Approved, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        await _client.WaitForOrderStatusAsync(order.Id, "Failed");
        Assert.Equal(1, await ChargesAsync(order.Id));
    }

    [Fact]
    public async Task The_same_key_ten_times_at_once_charges_once_and_answers_one_payment()
    {
        var order = await PendingOrderAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _client.PayAsync(order.Id, Approved, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var payments = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<PaymentDto>()));
        Assert.Single(payments.Select(p => p!.Id).Distinct());
        Assert.All(payments, p => Assert.Equal("Succeeded", p!.Status));
        Assert.Equal(1, await ChargesAsync(order.Id));
        await _client.WaitForOrderStatusAsync(order.Id, "Completed");
    }

    private async Task<OrderDto> PendingOrderAsync()
    {
        var product = await _client.CreateProductAsync($"Card {Guid.NewGuid():N}", 15m, 5);
        return await _client.PlaceOrderOkAsync($"payer-{Guid.NewGuid():N}", (product.Id, 1));
    }

    private async Task<string> PaymentDbAsync() => await system.DatabaseAsync("paymentdb");

    private async Task<long> ChargesAsync(Guid orderId) =>
        await Sql.CountAsync(await PaymentDbAsync(), $"SELECT COUNT(*) FROM simulated_charges WHERE OrderId = '{orderId}'");

    /// <summary>Until disposed, recording this order's payment outcome fails (after the charge), as if the database went away then.</summary>
    private async Task<IAsyncDisposable> FailPaymentUpdatesAsync(Guid orderId) =>
        await Sql.RefuseUpdatesAsync(await PaymentDbAsync(), "payments", $"NEW.OrderId = '{orderId}'");
}
