namespace FlashSales.IntegrationTests;

/// <summary>
/// A payment's outcome races the order's end (expiry or cancel). Whoever ends the order holds its row lock while it
/// does; the payment's handler must decide on the row as locked, never on a copy read before the other commit.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OrderTransitionRaceTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task A_payment_that_loses_the_race_to_the_orders_end_is_refunded_and_never_completes_it()
    {
        var product = await _client.CreateProductAsync($"Race {Guid.NewGuid():N}", 25m, 5);
        var order = await _client.PlaceOrderOkAsync("racer", (product.Id, 1));
        var orderDb = await system.DatabaseAsync("orderdb");

        // The order's end in progress: its row locked, as the expiry worker and DELETE lock it before they move it.
        await using var ending = await LockWaits.LockRowAsync(orderDb, "orders", order.Id);

        // Paid meanwhile (the payment service saw a Pending order): the success event reaches the order service,
        // whose handler now waits on the row.
        var payment = await _client.PayOkAsync(order.Id, "4242424242424242");
        await LockWaits.UntilSomeoneWaitsAsync(orderDb, "the payment handler waiting on the order's row");

        await ending.ExecuteAsync($"UPDATE orders SET Status = 'Cancelled', UpdatedAt = UTC_TIMESTAMP(6) WHERE Id = '{order.Id}'");
        await ending.CommitAsync();

        // The order had ended: it is never Completed, its units stay back on sale, and the money goes back.
        await _client.WaitForOrderStatusAsync(order.Id, "Refunded");
        Assert.Equal("Refunded", (await _client.GetPaymentAsync(payment.Id, order.Id)).Status);
        Assert.Equal(new ProcessorLedger.Entries(1, 1, 0), await new ProcessorLedger(system).OfOrderAsync(order.Id));
        var after = await _client.WaitForProductAsync(product.Id, p => p.Available == 5, "the cancelled order's unit back on sale");
        Assert.Equal(5, after.Stock);
    }
}
