using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using MySqlConnector;

namespace FlashSales.IntegrationTests;

/// <summary>
/// Events a consumer has already received are applied together: one event of each partition per wave, those of one type
/// in one transaction per handler, each still exactly once.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EventBatchTests(FlashSalesApp system)
{
    private const int Orders = 20;
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task Payment_outcomes_received_together_are_applied_in_one_transaction_each_exactly_once()
    {
        var product = await _client.CreateProductAsync($"Batched {Guid.NewGuid():N}", 9m, Orders);
        var orders = new List<OrderDto>();
        for (var i = 0; i < Orders; i++) orders.Add(await _client.PlaceOrderOkAsync($"batched-{i % 4}", (product.Id, 1)));
        Assert.Equal(0, (await _client.GetProductAsync(product.Id)).Available);

        // One burst, as the payment service's relay sends them: the order service receives them in one fetch. The first
        // event is sent twice (a redelivery), and must be applied once.
        var events = orders.Select(o => (Id: Guid.NewGuid(), o.Id)).ToList();
        var bootstrap = await system.KafkaBootstrapServersAsync();
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 50 }).Build())
        {
            var sends = events.Append(events[0]).Select(e => producer.ProduceAsync("flashsales.payments", PaymentFailed(e.Id, e.Item2))).ToList();
            await Task.WhenAll(sends);
        }

        foreach (var order in orders) await _client.WaitForOrderStatusAsync(order.Id, "Failed");
        // The product service applies the OrderFailed events in batches too: every unit is back on sale.
        await _client.WaitForProductAsync(product.Id, p => p.Available == Orders, "every failed order's units released");

        await using var orderDb = new MySqlConnection(await system.DatabaseAsync("orderdb"));
        await orderDb.OpenAsync();
        var ids = string.Join(",", events.Select(e => $"'{e.Id}'"));
        var orderIds = string.Join(",", orders.Select(o => $"'{o.Id}'"));
        Assert.Equal(Orders, await ScalarAsync(orderDb, $"SELECT COUNT(*) FROM processed_events WHERE EventId IN ({ids})"));
        // Applied once each: one OrderFailed announcement per order, the redelivered event included.
        Assert.Equal(Orders, await ScalarAsync(orderDb,
            $"SELECT COUNT(*) FROM outbox_messages WHERE EventType = 'OrderFailedIntegrationEvent' AND PartitionKey IN ({orderIds})"));
        // One transaction stamps its processed-event rows with one time. The 20 events spread over 8 partitions, so a
        // round of them takes as many waves as the fullest partition holds events: far fewer transactions than events.
        var transactions = await ScalarAsync(orderDb, $"SELECT COUNT(DISTINCT ProcessedAt) FROM processed_events WHERE EventId IN ({ids})");
        Assert.InRange(transactions, 1, Orders / 2);
    }

    [Fact]
    public async Task Completed_orders_received_together_are_confirmed_in_one_transaction_each_exactly_once()
    {
        var product = await _client.CreateProductAsync($"Confirmed together {Guid.NewGuid():N}", 9m, Orders);
        var orders = new List<OrderDto>();
        for (var i = 0; i < Orders; i++) orders.Add(await _client.PlaceOrderOkAsync($"confirmed-{i % 4}", (product.Id, 1)));

        // Paid in one burst: the order service completes them together, and its relay sends their OrderCompleted events
        // together, so the product service receives them in one fetch.
        var bootstrap = await system.KafkaBootstrapServersAsync();
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 50 }).Build())
        {
            await Task.WhenAll(orders.Select(o => producer.ProduceAsync("flashsales.payments", PaymentSucceeded(Guid.NewGuid(), o.Id))));
        }
        foreach (var order in orders) await _client.WaitForOrderStatusAsync(order.Id, "Completed");

        await using var productDb = new MySqlConnection(await system.DatabaseAsync("productdb"));
        await productDb.OpenAsync();
        var orderIds = string.Join(",", orders.Select(o => $"'{o.Id}'"));
        await Eventually.Until(() => ScalarAsync(productDb,
            $"SELECT COUNT(*) FROM reservations WHERE Status = 'Confirmed' AND OrderId IN ({orderIds})"),
            confirmed => confirmed == Orders, TimeSpan.FromSeconds(30), "every completed order's reservation confirmed");
        // Sold: every unit left stock and reserved, once.
        Assert.Equal(0, await ScalarAsync(productDb, $"SELECT Stock + Reserved FROM products WHERE Id = '{product.Id}'"));

        await using var orderDb = new MySqlConnection(await system.DatabaseAsync("orderdb"));
        await orderDb.OpenAsync();
        var completedEvents = string.Join(",", await ColumnAsync(orderDb,
            $"SELECT EventId FROM outbox_messages WHERE EventType = 'OrderCompletedIntegrationEvent' AND PartitionKey IN ({orderIds})"));
        Assert.Equal(Orders, await ScalarAsync(productDb,
            $"SELECT COUNT(*) FROM processed_events WHERE EventId IN ({completedEvents}) AND Handler LIKE 'ConfirmReservationHandler:%'"));
        // One transaction per batch: far fewer distinct ProcessedAt stamps than confirmations (one each before batches).
        var transactions = await ScalarAsync(productDb,
            $"SELECT COUNT(DISTINCT ProcessedAt) FROM processed_events WHERE EventId IN ({completedEvents}) " +
            "AND Handler LIKE 'ConfirmReservationHandler:%'");
        Assert.InRange(transactions, 1, Orders / 2);
    }

    private static Message<string, string> PaymentSucceeded(Guid eventId, Guid orderId) => new()
    {
        Key = orderId.ToString(),
        Value = JsonSerializer.Serialize(new { id = eventId, occurredAt = DateTime.UtcNow, orderId, paymentId = Guid.NewGuid(), amount = 9m }),
        Headers = new Headers
        {
            { "event-type", Encoding.UTF8.GetBytes("PaymentSucceededIntegrationEvent") },
            { "event-id", Encoding.UTF8.GetBytes(eventId.ToString()) },
        },
    };

    private static async Task<List<string>> ColumnAsync(MySqlConnection db, string sql)
    {
        await using var command = new MySqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add($"'{reader.GetValue(0)}'");
        return values;
    }

    private static Message<string, string> PaymentFailed(Guid eventId, Guid orderId) => new()
    {
        Key = orderId.ToString(),
        Value = JsonSerializer.Serialize(new
        {
            id = eventId, occurredAt = DateTime.UtcNow, orderId, paymentId = Guid.NewGuid(),
            reason = "card_declined"
        }),
        Headers = new Headers
        {
            { "event-type", Encoding.UTF8.GetBytes("PaymentFailedIntegrationEvent") },
            { "event-id", Encoding.UTF8.GetBytes(eventId.ToString()) },
        },
    };

    private static async Task<long> ScalarAsync(MySqlConnection db, string sql)
    {
        await using var command = new MySqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
