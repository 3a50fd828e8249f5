namespace FlashSales.IntegrationTests;

/// <summary>Reserve → pay / fail / expire / cancel, each checked on the product's stock once the events are through.</summary>
public abstract class ReservationLifecycleTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task Paid_order_completes_and_its_units_are_sold()
    {
        var product = await _client.CreateProductAsync($"Paid {Guid.NewGuid():N}", 10m, 10);
        var order = await _client.PlaceOrderOkAsync("payer", (product.Id, 3));
        Assert.Equal(7, (await _client.GetProductAsync(product.Id)).Available);

        await _client.PayOkAsync(order.Id, "4242424242424242");

        await _client.WaitForOrderStatusAsync(order.Id, "Completed");
        var sold = await _client.WaitForProductAsync(product.Id, p => p.Stock == 7, "stock confirmed");
        Assert.Equal(7, sold.Available); // initial 10 = 3 sold + 0 reserved + 7 available
    }

    [Fact]
    public async Task Declined_order_fails_and_its_units_come_back()
    {
        var product = await _client.CreateProductAsync($"Declined {Guid.NewGuid():N}", 10m, 10);
        var order = await _client.PlaceOrderOkAsync("decliner", (product.Id, 4));

        await _client.PayOkAsync(order.Id, "4000000000000002");

        await _client.WaitForOrderStatusAsync(order.Id, "Failed");
        var back = await _client.WaitForProductAsync(product.Id, p => p.Available == 10, "stock released");
        Assert.Equal(10, back.Stock);
    }

    [Fact]
    public async Task Unpaid_order_expires_and_its_units_come_back_and_it_can_no_longer_be_paid()
    {
        var product = await _client.CreateProductAsync($"Expiring {Guid.NewGuid():N}", 10m, 5);
        var order = await _client.PlaceOrderOkAsync("forgetful", (product.Id, 5));
        Assert.Equal(0, (await _client.GetProductAsync(product.Id)).Available);
        Assert.InRange(order.ExpiresAt - order.CreatedAt, FlashSalesApp.ReservationTtl - TimeSpan.FromSeconds(1),
            FlashSalesApp.ReservationTtl + TimeSpan.FromSeconds(1));

        await _client.WaitForOrderStatusAsync(order.Id, "Expired");
        await _client.WaitForProductAsync(product.Id, p => p.Available == 5, "stock released on expiry");

        using var late = await _client.PayAsync(order.Id, "4242424242424242");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Cancelled_order_releases_its_units_once()
    {
        var product = await _client.CreateProductAsync($"Cancelled {Guid.NewGuid():N}", 10m, 8);
        var order = await _client.PlaceOrderOkAsync("undecided", (product.Id, 2));

        using var cancel = await _client.CancelOrderAsync(order.Id);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        using var again = await _client.CancelOrderAsync(order.Id);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        await _client.WaitForOrderStatusAsync(order.Id, "Cancelled");
        await _client.WaitForProductAsync(product.Id, p => p.Available == 8, "stock released on cancel");
        await Task.Delay(1000);
        Assert.Equal(8, (await _client.GetProductAsync(product.Id)).Available);
    }
}

[Collection(SystemCollection.Name)]
public sealed class AtomicReservationLifecycleTests(FlashSalesApp system) : ReservationLifecycleTests(system);

[Collection(LockSystemCollection.Name)]
public sealed class LockReservationLifecycleTests(FlashSalesLockApp system) : ReservationLifecycleTests(system);
