namespace FlashSales.EventBus;

/// <summary>
/// A handler that can apply several events of its type at once, typically in one transaction. The consumer hands it the
/// consecutive events of that type it has already received. If a batch fails, the consumer handles each of its events
/// again on its own (with the usual retries and dead-lettering), so a failed batch must leave nothing behind.
/// </summary>
public interface IBatchIntegrationEventHandler<TEvent> : IIntegrationEventHandler<TEvent>, IBatchIntegrationEventHandler
    where TEvent : IntegrationEvent
{
    Task HandleBatch(IReadOnlyList<TEvent> events, CancellationToken cancellationToken);

    Task IBatchIntegrationEventHandler.HandleBatch(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
        => HandleBatch([.. events.Cast<TEvent>()], cancellationToken);
}

public interface IBatchIntegrationEventHandler
{
    Task HandleBatch(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken);
}
