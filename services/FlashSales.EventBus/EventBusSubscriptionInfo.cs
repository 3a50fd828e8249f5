namespace FlashSales.EventBus;

/// <summary>The events a service listens to, by type name; their handlers are keyed services under the same type.</summary>
public sealed class EventBusSubscriptionInfo
{
    public Dictionary<string, Type> EventTypes { get; } = [];

    public IReadOnlyList<string> Topics => EventTypes.Values.Select(TopicAttribute.Of).Distinct().ToList();
}
