using System.Diagnostics;

namespace FlashSales.IntegrationTests;

/// <summary>The outbox never holds up the business: with Kafka away, orders are placed (and cancelled) at once, and their events go out when it is
/// back.</summary>
[Collection(SystemCollection.Name)]
public sealed class BrokerOutageTests(FlashSalesApp system)
{
    /// <summary>
    /// A publish waits for an absent broker until it is back (the producer has no delivery timeout), and the broker
    /// comes back only after every order here was answered: an order that waited on the broker would not be answered
    /// at all. The bound is generous, so a slow machine does not fail the test.
    /// </summary>
    private static readonly TimeSpan WellWithinAPublish = TimeSpan.FromSeconds(10);

    private readonly FlashSalesClient _client = system.Client();

    [Fact]
    public async Task With_the_broker_down_orders_answer_at_once_and_their_events_go_out_when_it_is_back()
    {
        var product = await _client.CreateProductAsync($"Offline {Guid.NewGuid():N}", 8m, 20);
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        var placed = new List<OrderDto>();
        // Signed in first: only the order is timed, not registering its buyer.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _client.UserAsync($"offline-{i}")));
        Assert.True((await commands.ExecuteCommandAsync("kafka", "broker-down")).Success);
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var started = Stopwatch.StartNew();
                placed.Add(await _client.PlaceOrderOkAsync($"offline-{i}", (product.Id, 1)));
                Assert.True(started.Elapsed < WellWithinAPublish, $"order {i} took {started.Elapsed} with the broker down");

                var cancelling = Stopwatch.StartNew();
                using var cancelled = await _client.CancelOrderAsync(placed[i].Id);
                Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
                Assert.True(cancelling.Elapsed < WellWithinAPublish, $"cancelling order {i} took {cancelling.Elapsed} with the broker down");
                // Meanwhile the relay has taken the previous cancellation's event and is waiting on the broker.
                await Task.Delay(TimeSpan.FromMilliseconds(700));
            }
        }
        finally
        {
            await commands.ExecuteCommandAsync("kafka", "broker-up");
        }

        var bootstrap = await system.KafkaBootstrapServersAsync();
        foreach (var order in placed)
        {
            KafkaTopic.ReadMessage(bootstrap, "flashsales.orders", order.Id.ToString(), "OrderCancelledIntegrationEvent");
        }
        // The cancellations' events reached the product service: every unit is back.
        await _client.WaitForProductAsync(product.Id, p => p.Available == 20, "the cancelled orders' units back on sale");
    }
}
