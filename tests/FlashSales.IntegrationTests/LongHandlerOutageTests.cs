using System.IO.Hashing;
using System.Text;
using FlashSales.EventBus.Kafka;

namespace FlashSales.IntegrationTests;

/// <summary>
/// A handler that keeps failing for longer than any in-place retry (its database refusing one order's write for 40 s)
/// is not given up on: its event is handled once the fault ends, and meanwhile the events of other partitions move.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LongHandlerOutageTests(FlashSalesApp system)
{
    private const string Approved = "4242424242424242";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(40);
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task A_confirmation_failing_for_40_seconds_is_applied_once_it_can_be_and_never_dead_lettered()
    {
        var product = await _client.CreateProductAsync($"Stalled {Guid.NewGuid():N}", 20m, 10);
        var stalled = await _client.PlaceOrderOkAsync($"stalled-{Guid.NewGuid():N}", (product.Id, 2));
        await using (await Sql.RefuseUpdatesAsync(await system.DatabaseAsync("productdb"), "reservations",
                         $"NEW.OrderId = '{stalled.Id}' AND NEW.Status = 'Confirmed'"))
        {
            var faultEnds = DateTime.UtcNow + Outage;
            await _client.PayOkAsync(stalled.Id, Approved);
            await _client.WaitForOrderStatusAsync(stalled.Id, "Completed");

            // Meanwhile an order on another partition is confirmed: one failing event does not hold up the others.
            var moving = await OrderOnAnotherPartitionAsync(product.Id, stalled.Id);
            await _client.PayOkAsync(moving.Id, Approved);
            await _client.WaitForProductAsync(product.Id, p => p.Stock == 9, "the other order's unit sold during the fault");

            await Task.Delay(faultEnds - DateTime.UtcNow is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        // Its lease lapsed during the fault and nobody bought the units: the confirmation takes them again.
        await _client.WaitForProductAsync(product.Id, p => p.Stock == 7, "the stalled order's units sold once the fault ended");
        var letters = new DeadLetters(await system.KafkaBootstrapServersAsync(), "flashsales.dead-letters").Waiting();
        Assert.DoesNotContain(letters, l => l.Key == stalled.Id.ToString());
        Assert.Equal("Completed", (await _client.GetOrderAsync(stalled.Id)).Status);
    }

    private async Task<OrderDto> OrderOnAnotherPartitionAsync(Guid productId, Guid stalledOrderId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var order = await _client.PlaceOrderOkAsync($"moving-{Guid.NewGuid():N}", (productId, 1));
            if (PartitionOf(order.Id) != PartitionOf(stalledOrderId)) return order;
            Assert.True(attempt < 20, "no order landed on another partition");
            using var cancelled = await _client.CancelOrderAsync(order.Id);
        }
    }

    // librdkafka's default partitioner for keyed messages: CRC-32 of the key, modulo the partitions.
    private static uint PartitionOf(Guid orderId) => Crc32.HashToUInt32(Encoding.UTF8.GetBytes(orderId.ToString())) % 8;
}
