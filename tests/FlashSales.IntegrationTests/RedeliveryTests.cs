using Confluent.Kafka;

namespace FlashSales.IntegrationTests;

[Collection(SystemCollection.Name)]
public sealed class RedeliveryTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task The_same_event_delivered_twice_changes_state_once()
    {
        var product = await _client.CreateProductAsync($"Twice {Guid.NewGuid():N}", 10m, 10);
        var order = await _client.PlaceOrderOkAsync("twice", (product.Id, 2));
        await _client.PayOkAsync(order.Id, "4242424242424242");
        await _client.WaitForOrderStatusAsync(order.Id, "Completed");
        await _client.WaitForProductAsync(product.Id, p => p.Stock == 8, "stock confirmed");

        var bootstrap = await system.KafkaBootstrapServersAsync();
        var delivered = KafkaTopic.ReadMessage(bootstrap, "flashsales.payments", order.Id.ToString());
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build();

        // The identical message again, as Kafka redelivers after a crash: nothing may change.
        await producer.ProduceAsync("flashsales.payments",
            new Message<string, string> { Key = delivered.Key, Value = delivered.Value, Headers = delivered.Headers });
        var orderCompleted = KafkaTopic.ReadMessage(bootstrap, "flashsales.orders", order.Id.ToString(), "OrderCompletedIntegrationEvent");
        await producer.ProduceAsync("flashsales.orders",
            new Message<string, string> { Key = orderCompleted.Key, Value = orderCompleted.Value, Headers = orderCompleted.Headers });
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = await _client.GetOrderAsync(order.Id);
        Assert.Equal("Completed", after.Status);
        Assert.Equal(8, (await _client.GetProductAsync(product.Id)).Stock);

        // The same payment's success under a new event id (as a replayed copy would be): applied, and it changes nothing.
        var copyId = Guid.NewGuid();
        var copy = delivered.Value.Replace(ReadEventId(delivered), copyId.ToString());
        var headers = new Headers { { "event-type", "PaymentSucceededIntegrationEvent"u8.ToArray() } };
        await producer.ProduceAsync("flashsales.payments", new Message<string, string> { Key = delivered.Key, Value = copy, Headers = headers });
        await Eventually.Until(() => ProcessedAsync(copyId), processed => processed, TimeSpan.FromSeconds(30), "the copy being handled");
        Assert.Equal("Completed", (await _client.GetOrderAsync(order.Id)).Status);
        Assert.Equal(8, (await _client.GetProductAsync(product.Id)).Stock);
    }

    private async Task<bool> ProcessedAsync(Guid eventId) =>
        await Sql.CountAsync(await system.DatabaseAsync("orderdb"), $"SELECT COUNT(*) FROM processed_events WHERE EventId = '{eventId}'") > 0;

    private static string ReadEventId(Message<string, string> message) =>
        System.Text.Json.JsonDocument.Parse(message.Value).RootElement.GetProperty("id").GetString()!;
}
