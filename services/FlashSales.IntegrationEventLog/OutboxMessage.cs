using FlashSales.EventBus;

namespace FlashSales.IntegrationEventLog;

/// <summary>An event saved in the same transaction as the change it reports, waiting to be relayed to the broker.</summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public long Sequence { get; private set; }
    public Guid EventId { get; private set; }
    public string EventType { get; private set; } = "";
    public string Topic { get; private set; } = "";
    public string PartitionKey { get; private set; } = "";
    public string Content { get; private set; } = "";
    public DateTime OccurredAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }

    public static OutboxMessage From(IntegrationEvent @event)
    {
        var serialized = SerializedIntegrationEvent.From(@event);
        return new OutboxMessage
        {
            EventId = serialized.Id,
            EventType = serialized.EventType,
            Topic = serialized.Topic,
            PartitionKey = serialized.PartitionKey,
            Content = serialized.Content,
            OccurredAt = serialized.OccurredAt,
        };
    }

    public SerializedIntegrationEvent ToSerialized() => new(EventId, EventType, Topic, PartitionKey, OccurredAt, Content);
}
