using Microsoft.Extensions.DependencyInjection;

namespace FlashSales.EventBus;

public interface IEventBusBuilder
{
    IServiceCollection Services { get; }
}

public static class EventBusBuilderExtensions
{
    public static IEventBusBuilder AddSubscription<TEvent, THandler>(this IEventBusBuilder builder)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        builder.Services.AddKeyedTransient<IIntegrationEventHandler, THandler>(typeof(TEvent));
        builder.Services.Configure<EventBusSubscriptionInfo>(o => o.EventTypes[typeof(TEvent).Name] = typeof(TEvent));
        return builder;
    }
}
