using System.Net;
using System.Net.Http.Json;

namespace FlashSales.IntegrationTests;

/// <summary>
/// Every paid order ends fulfilled or refunded, and every order is charged at most once, whatever arrives late: a
/// confirmation after the order's lease was released, a processor slower than the payment service's patience.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class MoneyBackTests(FlashSalesApp system)
{
    private const string Approved = "4242424242424242";
    private const string Slow = "4000000000000259";
    private readonly FlashSalesClient _client = system.Client();
    private readonly ProcessorLedger _ledger = new(system);

    [Fact]
    public async Task A_payment_confirmed_after_its_lease_was_released_and_the_units_sold_is_refunded()
    {
        var product = await _client.CreateProductAsync($"Late {Guid.NewGuid():N}", 30m, 1);
        var late = await _client.PlaceOrderOkAsync($"late-{Guid.NewGuid():N}", (product.Id, 1));
        await ReleaseLeaseAsync(late.Id, product.Id);

        // Someone else buys the unit meanwhile.
        var other = await _client.PlaceOrderOkAsync($"other-{Guid.NewGuid():N}", (product.Id, 1));

        var payment = await _client.PayOkAsync(late.Id, Approved);
        await _client.WaitForOrderStatusAsync(late.Id, "Refunded");
        Assert.Equal("Refunded", (await _client.GetPaymentAsync(payment.Id, late.Id)).Status);
        Assert.Equal(new ProcessorLedger.Entries(1, 1, 0), await _ledger.OfOrderAsync(late.Id));

        // The unit stays with its buyer: nothing oversold, nothing confirmed twice.
        Assert.Equal("Pending", (await _client.GetOrderAsync(other.Id)).Status);
        var after = await _client.GetProductAsync(product.Id);
        Assert.Equal((1, 0L), (after.Stock, after.Available));
    }

    [Fact]
    public async Task A_payment_confirmed_after_its_lease_was_released_takes_the_units_again_while_they_are_there()
    {
        var product = await _client.CreateProductAsync($"Retaken {Guid.NewGuid():N}", 30m, 2);
        var late = await _client.PlaceOrderOkAsync($"late-{Guid.NewGuid():N}", (product.Id, 2));
        await ReleaseLeaseAsync(late.Id, product.Id);

        await _client.PayOkAsync(late.Id, Approved);
        await _client.WaitForOrderStatusAsync(late.Id, "Completed");
        var sold = await _client.WaitForProductAsync(product.Id, p => p.Stock == 0, "the units sold to the late payer");
        Assert.Equal(0, sold.Available);
        Assert.Equal(new ProcessorLedger.Entries(1, 0, 0), await _ledger.OfOrderAsync(late.Id));
    }

    [Fact]
    public async Task A_payment_whose_event_arrives_after_the_order_expired_completes_it_with_its_units()
    {
        var product = await _client.CreateProductAsync($"Expired {Guid.NewGuid():N}", 30m, 3);
        var order = await _client.PlaceOrderOkAsync($"late-{Guid.NewGuid():N}", (product.Id, 2));
        // The order service cannot apply the success (as while its database is away); its expiry can.
        await using (await Sql.RefuseUpdatesAsync(await system.DatabaseAsync("orderdb"), "orders",
            $"NEW.Id = '{order.Id}' AND NEW.Status = 'Completed'"))
        {
            await _client.PayOkAsync(order.Id, Approved);
            await _client.WaitForOrderStatusAsync(order.Id, "Expired");
            await _client.WaitForProductAsync(product.Id, p => p.Available == 3, "the expired order's units back on sale");
        }

        await _client.WaitForOrderStatusAsync(order.Id, "Completed");
        var sold = await _client.WaitForProductAsync(product.Id, p => p.Stock == 1, "the units taken again and sold");
        Assert.Equal(1, sold.Available);
        Assert.Equal(new ProcessorLedger.Entries(1, 0, 0), await _ledger.OfOrderAsync(order.Id));
    }

    [Fact]
    public async Task A_processor_slower_than_the_resolver_never_charges_an_order_twice()
    {
        var product = await _client.CreateProductAsync($"Slow {Guid.NewGuid():N}", 12m, 1);
        var order = await _client.PlaceOrderOkAsync($"slow-{Guid.NewGuid():N}", (product.Id, 1));

        // The processor takes longer than the payment service waits before it settles the attempt by its key.
        var first = _client.PayAsync(order.Id, Slow);
        var closed = await Eventually.Until(() => _ledger.OfOrderAsync(order.Id), l => l.ClosedUncharged == 1, TimeSpan.FromSeconds(60),
            "the resolver closing the slow attempt's key");
        Assert.Equal(0, closed.ApprovedCharges);
        // The resolver removes the attempt after closing its key: only then may the order be paid again.
        var payments = await system.DatabaseAsync("paymentdb");
        await Eventually.Until(() => Sql.CountAsync(payments, $"SELECT COUNT(*) FROM payments WHERE OrderId = '{order.Id}'"), n => n == 0,
            TimeSpan.FromSeconds(60), "the resolver removing the abandoned attempt");

        // The shopper pays again with a new key: one charge, the order Completed.
        var second = await _client.PayOkAsync(order.Id, Approved);
        Assert.Equal("Succeeded", second.Status);
        await _client.WaitForOrderStatusAsync(order.Id, "Completed");

        // The slow charge lands on a closed key: declined, and the shopper is told nothing was charged.
        using var firstAnswer = await first.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Conflict, firstAnswer.StatusCode);
        Assert.Equal("Payment attempt abandoned", (await firstAnswer.Content.ReadFromJsonAsync<ProblemDto>())!.Title);
        Assert.Equal(new ProcessorLedger.Entries(1, 0, 1), await _ledger.OfOrderAsync(order.Id));
        Assert.Equal("Completed", (await _client.GetOrderAsync(order.Id)).Status);
    }

    // The order's lease ends now (as if its confirmation were delayed past the grace): the product service releases it.
    private async Task ReleaseLeaseAsync(Guid orderId, Guid productId)
    {
        await Sql.ExecuteAsync(await system.DatabaseAsync("productdb"),
            $"UPDATE reservations SET ExpiresAt = UTC_TIMESTAMP(6) - INTERVAL 1 HOUR WHERE OrderId = '{orderId}'");
        var stock = (await _client.GetProductAsync(productId)).Stock;
        await _client.WaitForProductAsync(productId, p => p.Available == stock, "the released lease's units back on sale");
    }
}
