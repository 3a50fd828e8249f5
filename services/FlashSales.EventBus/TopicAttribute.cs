using System.Collections.Concurrent;
using System.Reflection;

namespace FlashSales.EventBus;

/// <summary>Names the topic an event type travels on.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TopicAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    private static readonly ConcurrentDictionary<Type, string> Cache = new();

    public static string Of(Type eventType) => Cache.GetOrAdd(eventType, static t =>
        t.GetCustomAttribute<TopicAttribute>()?.Name
        ?? throw new InvalidOperationException($"{t.Name} has no [Topic]; every integration event names its topic."));
}
