using System.Text.Json;

namespace FlashSales.EventBus;

public static class IntegrationEventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(IntegrationEvent @event) =>
        JsonSerializer.Serialize(@event, @event.GetType(), Options);

    public static IntegrationEvent? Deserialize(string content, Type eventType) =>
        (IntegrationEvent?)JsonSerializer.Deserialize(content, eventType, Options);
}
