namespace FlashSales.EventBus;

public interface IIntegrationEventHandler<in TEvent> : IIntegrationEventHandler where TEvent : IntegrationEvent
{
    Task Handle(TEvent @event, CancellationToken cancellationToken);

    Task IIntegrationEventHandler.Handle(IntegrationEvent @event, CancellationToken cancellationToken)
        => Handle((TEvent)@event, cancellationToken);
}

public interface IIntegrationEventHandler
{
    Task Handle(IntegrationEvent @event, CancellationToken cancellationToken);
}
