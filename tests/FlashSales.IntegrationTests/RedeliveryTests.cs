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
        await producer.ProduceAsync("flashsales.payments", new Message<string, string> { Key = delivered.Key, Value = delivered.Value, Headers = delivered.Headers });
        var orderCompleted = KafkaTopic.ReadMessage(bootstrap, "flashsales.orders", order.Id.ToString(), "OrderCompletedIntegrationEvent");
        await producer.ProduceAsync("flashsales.orders", new Message<string, string> { Key = orderCompleted.Key, Value = orderCompleted.Value, Headers = orderCompleted.Headers });
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = await _client.GetOrderAsync(order.Id);
        Assert.Equal("Completed", after.Status);
        Assert.False(after.RefundRequired);
        Assert.Equal(8, (await _client.GetProductAsync(product.Id)).Stock);

        // A second, distinct success for the same order is a real event: it is applied, and flags a refund.
        var second = delivered.Value.Replace(ReadEventId(delivered), Guid.NewGuid().ToString());
        var headers = new Headers { { "event-type", "PaymentSucceededIntegrationEvent"u8.ToArray() } };
        await producer.ProduceAsync("flashsales.payments", new Message<string, string> { Key = delivered.Key, Value = second, Headers = headers });
        await Eventually.Until(() => _client.GetOrderAsync(order.Id), o => o.RefundRequired, TimeSpan.FromSeconds(30), "the second payment flagging a refund");
        Assert.Equal(8, (await _client.GetProductAsync(product.Id)).Stock);
    }

    private static string ReadEventId(Message<string, string> message) =>
        System.Text.Json.JsonDocument.Parse(message.Value).RootElement.GetProperty("id").GetString()!;
}
