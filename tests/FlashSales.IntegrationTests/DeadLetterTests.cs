using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using FlashSales.EventBus.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSales.IntegrationTests;

/// <summary>An event no handler can take goes to the dead-letter topic with its error; the events after it still flow.</summary>
[Collection(SystemCollection.Name)]
public sealed class DeadLetterTests(FlashSalesApp system)
{
    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task A_poison_event_is_dead_lettered_and_the_events_behind_it_are_still_handled()
    {
        var product = await _client.CreateProductAsync($"Poison {Guid.NewGuid():N}", 11m, 5);
        var order = await _client.PlaceOrderOkAsync("poisoned", (product.Id, 1));
        var bootstrap = await system.KafkaBootstrapServersAsync();

        // Keyed like the order's own payment events, so it lands in front of them on their partition.
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            var headers = new Headers
            {
                { "event-type", "PaymentSucceededIntegrationEvent"u8.ToArray() },
                { "event-id", Encoding.UTF8.GetBytes(Guid.NewGuid().ToString()) },
            };
            await producer.ProduceAsync("flashsales.payments",
                new Message<string, string> { Key = order.Id.ToString(), Value = """{"orderId": 42, "paymentId": """, Headers = headers });
        }

        await _client.PayOkAsync(order.Id, "4242424242424242");
        await _client.WaitForOrderStatusAsync(order.Id, "Completed");

        var dead = KafkaTopic.ReadMessage(bootstrap, "flashsales.dead-letters", order.Id.ToString());
        Assert.Equal("flashsales.payments", Header(dead, "original-topic"));
        Assert.Equal("Ordering.Api", Header(dead, "consumer-group"));
        Assert.Contains("cannot be read", Header(dead, "error"));
        Assert.StartsWith("""{"orderId": 42""", dead.Value);

        // The dashboard lists it, and replays it onto its topic: unreadable still, it comes back as a new letter.
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        var listed = await commands.ExecuteCommandAsync("kafka", "list-dead-letters");
        Assert.True(listed.Success, listed.Message);
        Assert.Contains($"key {order.Id}", listed.Message);
        var letters = new DeadLetters(bootstrap, "flashsales.dead-letters");
        var before = letters.CountAll();
        var replayed = await commands.ExecuteCommandAsync("kafka", "replay-dead-letters");
        Assert.True(replayed.Success, replayed.Message);
        Assert.Contains("replayed", replayed.Message);
        await Eventually.Until(() => Task.FromResult(letters.CountAll()), count => count > before, TimeSpan.FromSeconds(30),
            "the replayed poison event dead-lettered again");
        Assert.Contains(letters.Waiting(), l => l.Key == order.Id.ToString());
    }

    private static string? Header(Message<string, string> message, string name) =>
        message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
