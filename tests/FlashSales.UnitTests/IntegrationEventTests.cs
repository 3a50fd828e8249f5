using FlashSales.EventBus;
using FlashSales.IntegrationEvents;

namespace FlashSales.UnitTests;

public sealed class IntegrationEventTests
{
    [Fact]
    public void An_event_travels_on_its_topic_keyed_by_its_order_and_comes_back_equal()
    {
        var orderId = Guid.NewGuid();
        var sent = new PaymentSucceededIntegrationEvent(orderId, Guid.NewGuid(), 42.5m);

        var wire = SerializedIntegrationEvent.From(sent);

        Assert.Equal(Topics.Payments, wire.Topic);
        Assert.Equal(orderId.ToString(), wire.PartitionKey);
        Assert.Equal(nameof(PaymentSucceededIntegrationEvent), wire.EventType);
        Assert.Equal(sent.Id, wire.Id);
        Assert.Equal(sent, IntegrationEventJson.Deserialize(wire.Content, typeof(PaymentSucceededIntegrationEvent)));
    }

    [Fact]
    public void Subscriptions_listen_to_the_topics_of_their_events_once()
    {
        var info = new EventBusSubscriptionInfo();
        info.EventTypes["a"] = typeof(PaymentSucceededIntegrationEvent);
        info.EventTypes["b"] = typeof(PaymentFailedIntegrationEvent);
        Assert.Equal([Topics.Payments], info.Topics);
    }

    [Fact]
    public void An_event_without_a_topic_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Untopical().Topic);
        Assert.Contains(nameof(Untopical), error.Message);
    }

    private sealed record Untopical : IntegrationEvent
    {
        public override string PartitionKey => "x";
    }
}
