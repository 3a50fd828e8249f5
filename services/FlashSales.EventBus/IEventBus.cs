namespace FlashSales.EventBus;

public interface IEventBus
{
    /// <summary>Returns once the broker has acknowledged the event.</summary>
    Task PublishAsync(IntegrationEvent @event, CancellationToken cancellationToken = default);

    /// <summary>Publishes an event that was already serialized, e.g. by the outbox.</summary>
    Task PublishAsync(SerializedIntegrationEvent @event, CancellationToken cancellationToken = default);
}
