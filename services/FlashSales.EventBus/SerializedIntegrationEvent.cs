namespace FlashSales.EventBus;

/// <summary>An event as it travels: its type name, topic and key beside the JSON body.</summary>
public sealed record SerializedIntegrationEvent(
    Guid Id,
    string EventType,
    string Topic,
    string PartitionKey,
    DateTime OccurredAt,
    string Content)
{
    public static SerializedIntegrationEvent From(IntegrationEvent @event) => new(
        @event.Id,
        @event.GetType().Name,
        @event.Topic,
        @event.PartitionKey,
        @event.OccurredAt,
        IntegrationEventJson.Serialize(@event));
}
